namespace GreenCommunity.Dashboard.Intake;

/// <summary>What every open screen hears when a report has been committed.</summary>
/// <param name="Counties">The county-level units whose communities the report touched.</param>
/// <param name="EarliestEffective">The earliest effective day among its updates (null without updates): figures of every day from then on changed.</param>
/// <param name="FromAnotherServer">Committed by another dashboard server on the same store and heard through it (PostgreSQL NOTIFY).</param>
public sealed record ReportNotice(string ReportId, string Locality, string Kind, string Period, bool OnTime,
    DateTimeOffset ReceivedAt, int Applied, bool ByProvince, IReadOnlyList<string> Counties, DateOnly? EarliestEffective = null,
    bool FromAnotherServer = false);
