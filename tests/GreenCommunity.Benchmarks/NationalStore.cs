using Dapper;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Storage;
using Microsoft.Data.Sqlite;

namespace GreenCommunity.Benchmarks;

/// <summary>
/// A real SQLite file at national size: China's 124,649 urban communities, each given a plausible present in bulk
/// (a stage and since when, a pilot past, criteria met, criterion 12's share, a last report and a last change; one
/// monthly report per prefecture-level locality a month), written straight into the present-state tables the list reads.
/// Deterministic: the same seed gives the same store.
/// </summary>
internal sealed class NationalStore : IDisposable
{
    private readonly string _directory;

    private NationalStore(string directory, SqliteStore database, int communities) =>
        (_directory, Database, Communities) = (directory, database, communities);

    public SqliteStore Database { get; }

    public int Communities { get; }

    /// <summary>The data folder beside the repository (../shared/data/china), or GC_CHINA_DATA.</summary>
    public static string DataDirectory =>
        Environment.GetEnvironmentVariable("GC_CHINA_DATA") is { Length: > 0 } configured ? configured : FindShared();

    public static NationalStore Create(DateOnly today)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gc-national-" + Guid.NewGuid().ToString("N"));
        var database = SqliteStore.ForDirectory(directory);
        new DatabaseMigrator(database).MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        var communities = NationalDataLoader.LoadAsync(database, DataDirectory, CancellationToken.None).GetAwaiter().GetResult();
        GivePresent(database, today);
        return new NationalStore(directory, database, communities);
    }

    public static PresentDay PresentDay(DateOnly today) => new(new FixedDayClock(today));

    /// <summary>Reports (one per locality and month), then each community's present drawn from a seeded generator.</summary>
    private static void GivePresent(SqliteStore database, DateOnly today)
    {
        using var connection = (SqliteConnection)database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var transaction = connection.BeginTransaction();
        var localities = connection.Query<string>("SELECT DISTINCT locality_code FROM communities ORDER BY 1", transaction: transaction).ToList();
        var months = Enumerable.Range(0, 65).Select(m => new DateOnly(2021, 6, 20).AddMonths(m)).Where(d => d <= today).ToList();
        using (var report = connection.CreateCommand())
        {
            report.Transaction = transaction;
            report.CommandText =
                """
                INSERT INTO reports (id, report_id, locality_code, kind, period, submitted_by, submitter_scope, received_at, deadline, on_time, applied, body)
                VALUES ($id, $reportId, $locality, 'monthly', $period, '住房和城乡建设局', $locality, $received, $deadline, 1, 0, '{}')
                """;
            var (id, reportId, locality, period, received, deadline) = (report.Parameters.Add("$id", SqliteType.Integer), report.Parameters.Add("$reportId", SqliteType.Text),
                report.Parameters.Add("$locality", SqliteType.Text), report.Parameters.Add("$period", SqliteType.Text), report.Parameters.Add("$received", SqliteType.Text),
                report.Parameters.Add("$deadline", SqliteType.Text));
            var next = 1L;
            foreach (var month in months)
            {
                foreach (var code in localities)
                {
                    (id.Value, reportId.Value, locality.Value, period.Value) = (next, $"r{next:D7}", code, month.ToString("yyyy-MM", null));
                    (received.Value, deadline.Value) = ($"{month:yyyy-MM-dd}T02:00:00.000+00:00", $"{month:yyyy-MM}-25T23:59:59.000+08:00");
                    report.ExecuteNonQuery();
                    next++;
                }
            }
        }
        var reportOf = localities.Select((code, i) => (code, i)).ToDictionary(x => x.code, x => x.i);
        var codes = connection.Query<(string Code, string Locality)>("SELECT code, locality_code FROM communities ORDER BY code", transaction: transaction).ToList();
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText =
            """
            UPDATE community_state SET stage = $stage, pilot = $pilot, effective = $since, criteria_met = $met, met_mask = $mask, c12 = $c12,
                   last_report = $report, last_change = $change
             WHERE community_code = $code
            """;
        var names = new[] { "$stage", "$pilot", "$since", "$met", "$mask", "$c12", "$report", "$change", "$code" };
        var p = names.ToDictionary(n => n, n => update.Parameters.Add(n, SqliteType.Text));
        var random = new Random(2021);
        var start = new DateOnly(2021, 6, 1);
        var days = today.DayNumber - start.DayNumber;
        foreach (var (code, locality) in codes)
        {
            // Roughly the campaign's end state: a quarter not started, some pilots, most started, a good part accepted.
            var roll = random.NextDouble();
            var stage = roll < 0.25 ? 0 : roll < 0.30 ? 1 : roll < 0.65 ? 2 : 3;
            var pilot = stage == 1 || (stage == 3 && random.NextDouble() < 0.05);
            var mask = 0L;
            if (stage > 0)
            {
                for (var bit = 0; bit < 16; bit++)
                {
                    if (stage == 3 || random.NextDouble() < 0.6)
                    {
                        mask |= 1L << bit;
                    }
                }
            }
            var c12 = stage == 0 ? (double?)null : stage == 3 ? 0.3 + (random.NextDouble() * 0.7) : random.NextDouble();
            if (c12 is { } share && share < 0.3)
            {
                mask &= ~(1L << 11);
            }
            var since = stage == 0 ? (DateOnly?)null : start.AddDays(random.Next(days));
            var change = since?.AddDays(random.Next(today.DayNumber - since.Value.DayNumber + 1));
            // The locality's report of one of the last twelve months.
            var lastReport = stage == 0 ? (long?)null : ((long)(months.Count - 1 - random.Next(Math.Min(12, months.Count))) * localities.Count) + reportOf[locality] + 1;
            p["$stage"].Value = stage;
            p["$pilot"].Value = pilot ? 1 : 0;
            p["$since"].Value = (object?)since?.ToString("yyyy-MM-dd", null) ?? DBNull.Value;
            p["$met"].Value = System.Numerics.BitOperations.PopCount((ulong)mask);
            p["$mask"].Value = mask;
            p["$c12"].Value = (object?)c12 ?? DBNull.Value;
            p["$report"].Value = (object?)lastReport ?? DBNull.Value;
            p["$change"].Value = (object?)change?.ToString("yyyy-MM-dd", null) ?? DBNull.Value;
            p["$code"].Value = code;
            update.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "china");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("No shared/data/china above the benchmark; set GC_CHINA_DATA to the folder with communities.csv.gz.");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private sealed class FixedDayClock(DateOnly today) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(today.ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);
    }
}
