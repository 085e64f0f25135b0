using System.Data.Common;
using Npgsql;

namespace GreenCommunity.Data.Storage;

/// <summary>The few places where SQLite and PostgreSQL speak differently: the text for the connection's engine.</summary>
public static class StoreSql
{
    public static StoreEngine EngineOf(DbConnection connection) => connection is NpgsqlConnection ? StoreEngine.Postgres : StoreEngine.Sqlite;

    /// <summary>The SQLite text or the PostgreSQL text, for the engine the connection is open on.</summary>
    public static string For(DbConnection connection, string sqlite, string postgres) =>
        EngineOf(connection) == StoreEngine.Postgres ? postgres : sqlite;

    /// <summary>
    /// A JSON array passed as one text parameter, as rows <c>alias.value</c> (the element; <c>->></c> reads its parts as
    /// text) and <c>alias.key</c> (its place, from 0): SQLite's json_each, PostgreSQL's jsonb_array_elements.
    /// </summary>
    public static string JsonRows(StoreEngine engine, string parameter, string alias) => engine == StoreEngine.Postgres
        ? $"(SELECT value, ordinality - 1 AS key FROM jsonb_array_elements(CAST({parameter} AS jsonb)) WITH ORDINALITY) AS {alias}"
        : $"json_each({parameter}) AS {alias}";

    /// <summary>
    /// <c>column IN @list</c> for a list parameter: Dapper spreads a list into one parameter per item on SQLite, but
    /// hands PostgreSQL the whole list as one array, which only <c>= ANY</c> takes.
    /// </summary>
    public static string InList(StoreEngine engine, string column, string parameter) => engine == StoreEngine.Postgres
        ? $"{column} = ANY({parameter})"
        : $"{column} IN {parameter}";

    /// <summary>A JSON array of strings passed as one text parameter, as rows <c>alias.value</c> of text and <c>alias.key</c>.</summary>
    public static string JsonTexts(StoreEngine engine, string parameter, string alias) => engine == StoreEngine.Postgres
        ? $"(SELECT value, ordinality - 1 AS key FROM jsonb_array_elements_text(CAST({parameter} AS jsonb)) WITH ORDINALITY) AS {alias}"
        : $"json_each({parameter}) AS {alias}";
}

/// <summary>One statement's text on each engine, built once from a template that names the engine's pieces.</summary>
public sealed class EngineText(Func<StoreEngine, string> build)
{
    private readonly string _sqlite = build(StoreEngine.Sqlite);
    private readonly string _postgres = build(StoreEngine.Postgres);

    public string For(DbConnection connection) => For(StoreSql.EngineOf(connection));

    public string For(StoreEngine engine) => engine == StoreEngine.Postgres ? _postgres : _sqlite;
}
