using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static GreenCommunity.LoadTests.Markdown;

namespace GreenCommunity.LoadTests;

/// <summary>
/// workbooks: the server's memory while it reads an uploaded workbook (issue 10, item 2). For each workbook a fresh
/// app, a coordinator signed in on the submit page's Excel tab, then: the app's resident set idle (the baseline), the
/// kernel's peak mark reset, the file chosen in the page's own file input, the outcome awaited, and the peak resident
/// set during the upload (VmHWM) beside the idle one, and the resident set some seconds later (given back or not).
/// </summary>
internal static class WorkbooksScenario
{
    private const string SubmitPath = "/reports/submit";
    private const string SubmitInteractive = ".submit-report[data-interactive='true']";
    private const string Outcome = "[data-testid='outcome']";
    private const string Coordinator = "wuhan";
    private const string Locality = "420100";

    /// <param name="Name">Short, for --only and the file name.</param>
    private sealed record Workbook(string Name, string Description, string Path);

    private sealed record Row(string Workbook, long FileBytes, double Seconds, long IdleBytes, long PeakBytes, long AfterBytes, string Outcome);

    public static async Task<int> RunAsync(Cli cli, Setup setup, string outPath)
    {
        var timeout = cli.Double("timeout", 180);
        var after = cli.Double("after", 10);
        var only = cli.String("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var label = cli.String("label", "");
        var log = Console.Out;

        var seed = await setup.SeedAsync(log);
        var credentials = Credentials.Read(seed);
        var workbooks = WriteWorkbooks(setup.WorkRoot, seed, only).ToList();
        var rows = new List<Row>();
        string? browserVersion = null;
        foreach (var workbook in workbooks)
        {
            await log.WriteLineAsync($"== {workbook.Name}: {workbook.Description}");
            var data = setup.CopySeed(seed, "workbooks");
            var app = await ChildApp.StartAsync("dashboard", setup.DashboardDll, Setup.DashboardEnvironment(data), TimeSpan.FromMinutes(2));
            try
            {
                await using var browser = await Browser.LaunchAsync(setup.Chromium);
                browserVersion ??= browser.Version;
                var page = await browser.SignInAsync(app.BaseAddress, Coordinator, credentials.Passwords[Coordinator]);
                rows.Add(await UploadAsync(app, page, workbook, timeout, after, log));
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
                Setup.Discard(data);
            }
        }

        var md = new Markdown().Heading(3, $"workbooks{(label.Length > 0 ? $" — {label}" : "")}: server memory while reading an upload").Machine(browserVersion)
            .Paragraph($"App: `{setup.DashboardDll}`. Per workbook: a fresh app, coordinator `{Coordinator}` on {SubmitPath}'s Excel tab, then idle = VmRSS after " +
                $"3 s settling (the baseline), the peak mark reset (/proc/pid/clear_refs), the file set on the page's file input, peak = VmHWM once the outcome shows " +
                $"(or after {timeout} s), after = VmRSS {after} s later. Budget: peak − idle ≤ 100 MiB.");
        md.Table(["workbook", "file (KiB)", "outcome shown after (s)", "idle (MiB)", "peak (MiB)", "peak − idle (MiB)", $"after {after} s (MiB)", "outcome"],
            rows.Select(r => (IReadOnlyList<string>)
            [
                r.Workbook, Number(r.FileBytes / 1024.0, 0), Number(r.Seconds, 1), Number(r.IdleBytes / MemoryReading.MiB, 0),
                Number(r.PeakBytes / MemoryReading.MiB, 0), Number((r.PeakBytes - r.IdleBytes) / MemoryReading.MiB, 0),
                Number(r.AfterBytes / MemoryReading.MiB, 0), r.Outcome,
            ]));
        await md.WriteAsync(outPath);
        return 0;
    }

    private static async Task<Row> UploadAsync(ChildApp app, IPage page, Workbook workbook, double timeout, double after, TextWriter log)
    {
        await page.GotoAsync(new Uri(app.BaseAddress, SubmitPath).ToString());
        await page.Locator(SubmitInteractive).WaitForAsync(new() { Timeout = 60_000 });
        await page.Locator(".mud-tab").Filter(new() { HasText = "Excel" }).ClickAsync();
        var input = page.Locator("input[type='file']");
        await input.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idle = ProcMemory(app.Pid, "VmRSS:");
        ResetPeak(app.Pid);
        var started = Stopwatch.GetTimestamp();
        await input.SetInputFilesAsync(workbook.Path);
        string outcome;
        try
        {
            await page.Locator(Outcome).WaitForAsync(new() { Timeout = (float)(timeout * 1000) });
            outcome = Squeeze(await page.Locator(Outcome).InnerTextAsync());
        }
        catch (TimeoutException)
        {
            outcome = app.HasExited ? "(the app exited)" : $"(no outcome after {timeout} s)";
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var peak = app.HasExited ? 0 : ProcMemory(app.Pid, "VmHWM:");
        await Task.Delay(TimeSpan.FromSeconds(after));
        var afterBytes = app.HasExited ? 0 : ProcMemory(app.Pid, "VmRSS:");
        await log.WriteLineAsync($"  {seconds:0.0} s, idle {idle / MemoryReading.MiB:0} MiB, peak {peak / MemoryReading.MiB:0} MiB, after {afterBytes / MemoryReading.MiB:0} MiB: {outcome}");
        return new Row(workbook.Description, new FileInfo(workbook.Path).Length, seconds, idle, peak, afterBytes, outcome);
    }

    /// <summary>The workbooks named in <paramref name="only"/> (all without it), written under the work folder.</summary>
    private static IEnumerable<Workbook> WriteWorkbooks(string workRoot, string seed, string[]? only)
    {
        var folder = Path.Combine(workRoot, "workbooks");
        Directory.CreateDirectory(folder);
        Workbook? Make(string name, string description, Action<string> write)
        {
            if (only is not null && !only.Contains(name))
            {
                return null;
            }
            var path = Path.Combine(folder, name + ".xlsx");
            write(path);
            return new Workbook(name, description, path);
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Workbook?[] all =
        [
            Make("8m-rows", "8,000,000 rows of one cell", WorkbookFiles.EightMillionRows),
            Make("8m-empty-rows", "8,000,000 empty rows", WorkbookFiles.EightMillionEmptyRows),
            Make("512m-cell", "one cell of 512 M characters", WorkbookFiles.HalfABillionCharacterCell),
            Make("valid", "valid: every community of Wuhan, 20 columns", path => WorkbookFiles.Filled(path, Communities(seed, Locality), today)),
            Make("full-sheet", "10,000 rows × 20 columns, most outside Wuhan", path => WorkbookFiles.Filled(path, [.. Communities(seed, null).Concat(Communities(seed, null)).Take(10_000)], today)),
        ];
        return all.OfType<Workbook>();
    }

    /// <summary>The communities of a locality, or of the province (null).</summary>
    private static List<string> Communities(string dataDirectory, string? locality)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "greencommunity.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT code FROM communities WHERE $locality IS NULL OR locality_code = $locality ORDER BY code";
        command.Parameters.AddWithValue("$locality", (object?)locality ?? DBNull.Value);
        var codes = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            codes.Add(reader.GetString(0));
        }
        return codes;
    }

    /// <summary>A line of /proc/pid/status in bytes (VmRSS: now, VmHWM: the peak since start or since the last reset).</summary>
    private static long ProcMemory(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Resets VmHWM to the current resident set (Linux: "5" to clear_refs), so the peak is the upload's.</summary>
    private static void ResetPeak(int pid) => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    private static string Squeeze(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length > 140 ? line[..140] + "…" : line;
    }
}
