namespace GreenCommunity.Data.Storage;

/// <summary>The database engine a store runs on: the embedded default, or PostgreSQL for several servers and national scale.</summary>
public enum StoreEngine
{
    Sqlite,
    Postgres,
}
