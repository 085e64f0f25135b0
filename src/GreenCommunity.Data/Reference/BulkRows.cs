using System.Data.Common;
using System.Globalization;
using GreenCommunity.Data.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace GreenCommunity.Data.Reference;

/// <summary>The type of a column written by <see cref="BulkRows"/>: SQLite's TEXT, INTEGER and REAL; PostgreSQL's TEXT, BIGINT and DOUBLE PRECISION.</summary>
internal enum BulkType
{
    Text,
    Integer,
    Real,
}

/// <summary>
/// Many rows into one table inside a write transaction its caller holds, as fast as each engine takes them: on SQLite one
/// prepared INSERT reused for every row, on PostgreSQL a binary COPY. A row is given column by column, in the order the
/// columns were named, then ended. Used by the national reference loader and the national demo history.
/// </summary>
internal abstract class BulkRows : IAsyncDisposable
{
    /// <summary>How long the end of a PostgreSQL COPY may take.</summary>
    private static readonly TimeSpan s_completeTimeout = TimeSpan.FromMinutes(10);

    private readonly Cell[] _row;
    private int _next;

    private BulkRows(int columns) => _row = new Cell[columns];

    /// <summary>The rows written so far.</summary>
    public long Count { get; private set; }

    /// <summary>Starts writing into <paramref name="table"/> on the engine <paramref name="connection"/> is open on.</summary>
    public static async Task<BulkRows> OpenAsync(DbConnection connection, DbTransaction transaction, string table,
        IReadOnlyList<(string Name, BulkType Type)> columns, CancellationToken cancellationToken)
    {
        if (StoreSql.EngineOf(connection) == StoreEngine.Postgres)
        {
            var copy = $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
            var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(copy, cancellationToken).ConfigureAwait(false);
            // The end of a COPY waits for the server to check every row's foreign keys: millions of rows take longer than a command's 30 s.
            importer.Timeout = s_completeTimeout;
            return new PostgresRows(importer, columns);
        }
        var command = ((SqliteConnection)connection).CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})");
        var parameters = columns.Select((c, i) => command.Parameters.Add("$p" + i, c.Type switch
        {
            BulkType.Integer => SqliteType.Integer,
            BulkType.Real => SqliteType.Real,
            _ => SqliteType.Text,
        })).ToArray();
        command.Prepare();
        return new SqliteRows(command, parameters);
    }

    public BulkRows Text(string? value) => Set(new Cell(value is null ? CellKind.Null : CellKind.Text, 0, 0, value));

    public BulkRows Integer(long value) => Set(new Cell(CellKind.Integer, value, 0, null));

    public BulkRows Integer(long? value) => value is { } v ? Integer(v) : Set(default);

    public BulkRows Real(double value) => Set(new Cell(CellKind.Real, 0, value, null));

    public BulkRows Real(double? value) => value is { } v ? Real(v) : Set(default);

    /// <summary>Writes the row given since the last one; every column must have been given.</summary>
    public async ValueTask EndRowAsync(CancellationToken cancellationToken)
    {
        if (_next != _row.Length)
        {
            throw new InvalidOperationException($"A row of {_row.Length} columns was given {_next}.");
        }
        await WriteAsync(_row, cancellationToken).ConfigureAwait(false);
        _next = 0;
        Count++;
    }

    /// <summary>Ends the writing: the rows are in the table (PostgreSQL's COPY ends here; SQLite's rows are in already).</summary>
    public abstract ValueTask CompleteAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    private protected abstract ValueTask WriteAsync(Cell[] row, CancellationToken cancellationToken);

    private BulkRows Set(Cell cell)
    {
        _row[_next++] = cell;
        return this;
    }

    private protected enum CellKind : byte
    {
        Null,
        Text,
        Integer,
        Real,
    }

    private protected readonly record struct Cell(CellKind Kind, long Integer, double Real, string? Text);

    private sealed class SqliteRows(SqliteCommand command, SqliteParameter[] parameters) : BulkRows(parameters.Length)
    {
        private protected override async ValueTask WriteAsync(Cell[] row, CancellationToken cancellationToken)
        {
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i].Kind switch
                {
                    CellKind.Text => row[i].Text,
                    CellKind.Integer => row[i].Integer,
                    CellKind.Real => row[i].Real,
                    _ => DBNull.Value,
                };
            }
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public override ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public override ValueTask DisposeAsync() => command.DisposeAsync();
    }

    private sealed class PostgresRows(NpgsqlBinaryImporter importer, IReadOnlyList<(string Name, BulkType Type)> columns) : BulkRows(columns.Count)
    {
        private readonly NpgsqlDbType[] _types = columns.Select(c => c.Type switch
        {
            BulkType.Integer => NpgsqlDbType.Bigint,
            BulkType.Real => NpgsqlDbType.Double,
            _ => NpgsqlDbType.Text,
        }).ToArray();

        private protected override async ValueTask WriteAsync(Cell[] row, CancellationToken cancellationToken)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < row.Length; i++)
            {
                switch (row[i].Kind)
                {
                    case CellKind.Text:
                        await importer.WriteAsync(row[i].Text!, _types[i], cancellationToken).ConfigureAwait(false);
                        break;
                    case CellKind.Integer:
                        await importer.WriteAsync(row[i].Integer, _types[i], cancellationToken).ConfigureAwait(false);
                        break;
                    case CellKind.Real:
                        await importer.WriteAsync(row[i].Real, _types[i], cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }

        public override async ValueTask CompleteAsync(CancellationToken cancellationToken) =>
            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);

        public override ValueTask DisposeAsync() => importer.DisposeAsync();
    }
}
