namespace GreenCommunity.Dashboard.Storage;

internal static partial class StartupLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Engine} at {Location}")]
    public static partial void Database(ILogger logger, GreenCommunity.Data.Storage.StoreEngine engine, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo history: {Sent}/{Total} reports ({Percent}%)")]
    public static partial void DemoProgress(ILogger logger, int sent, int total, int percent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo mode: demo accounts and tokens are in {File}")]
    public static partial void DemoCredentials(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store ready in {Elapsed:F1} s: new database {Created}, migrations applied {Migrations}, reference data loaded {Reference}, demo reports {Demo}")]
    public static partial void StoreReady(ILogger logger, double elapsed, bool created, int migrations, bool reference, int demo);
}
