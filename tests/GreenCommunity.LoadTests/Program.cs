using System.Globalization;
using GreenCommunity.LoadTests;

// The load tool: see docs/PERFORMANCE.md. dotnet run -c Release --project tests/GreenCommunity.LoadTests -- <subcommand> [--options]
const string usage = """
    usage: GreenCommunity.LoadTests <pages|memory|hub|soak|display-soak|workbooks|cross-instance> [options]
      common:  --app <GreenCommunity.Dashboard.dll> (default: this checkout's src/GreenCommunity.Dashboard/bin/Release/net10.0)
               --bare-hub <BareHub.dll> --counter-app <BlazorCounter.dll> (default: tests/Baselines/*/bin/Release/net10.0)
               --chromium /usr/bin/chromium --work-dir <dir> (seeded data, run copies; default $TMPDIR/greencommunity-load)
               --out <file.md> (default docs/perf-results/<subcommand>-<timestamp>.md) --label <text> (title suffix, e.g. before)
      pages:   --pages 1,20,100 --reports 20 --interval 2.5 --settle 10 --open-concurrency 4 --latency-timeout 120 --quiesce-timeout 180
               --baseline true --warmup-reports 2
      memory:  --pages 20 --settle 10 --after-close 5,30,90 --baseline true --keep-dumps <dir>
      hub:     --clients 1000 --reports 20 --interval 1 --batch 50 --skip-negotiation true --warmup-reports 2
      soak:    --minutes 30 --pages 50 --interval 2 --sample 30 --warmup 5 --keep-dumps <dir>
      display-soak: --minutes 60 --interval 2 --sample 60 --width 1920 --height 1080 --rotate <s> (default: the page's own)
               --warmup 5 --settle 10 --warmup-reports 2 --keep-dumps <dir>
      cross-instance: --clients 50 --reports 40 --interval 1 --warmup-reports 3
               --postgres <Npgsql connection string of an empty database, LC_COLLATE 'C'> --redis <host:port>
               (default: start Debian's PostgreSQL and redis-server for the run)
      workbooks: --timeout 180 --after 10 --only 8m-rows,8m-empty-rows,512m-cell,valid,full-sheet (see docs/hardening-workbooks.md)
    """;
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? 2 : 0;
}
var command = args[0];
var cli = new Cli(args[1..]);
var setup = Setup.From(cli);
var outPath = Path.GetFullPath(cli.String("out", Path.Combine(setup.RepositoryRoot, "docs", "perf-results",
    $"{command}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.md")));
Directory.CreateDirectory(setup.WorkRoot);
Func<Cli, Setup, string, Task<int>>? scenario = command switch
{
    "pages" => PagesScenario.RunAsync,
    "memory" => MemoryScenario.RunAsync,
    "hub" => HubScenario.RunAsync,
    "soak" => SoakScenario.RunAsync,
    "display-soak" => DisplaySoakScenario.RunAsync,
    "workbooks" => WorkbooksScenario.RunAsync,
    "cross-instance" => CrossInstanceScenario.RunAsync,
    _ => null,
};
if (scenario is null)
{
    Console.Error.WriteLine($"Unknown subcommand '{command}'.\n{usage}");
    return 2;
}
// Every option is read before the run starts, so that a typo shows at once.
var unknown = Unread(command, cli);
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown option(s) for {command}: {string.Join(", ", unknown.Select(u => "--" + u))}\n{usage}");
    return 2;
}
return await scenario(cli, setup, outPath);

static List<string> Unread(string command, Cli cli)
{
    string[] known = command switch
    {
        "pages" => ["pages", "reports", "interval", "settle", "open-concurrency", "latency-timeout", "quiesce-timeout", "baseline", "warmup-reports"],
        "memory" => ["pages", "settle", "open-concurrency", "after-close", "baseline", "keep-dumps"],
        "hub" => ["clients", "reports", "interval", "batch", "skip-negotiation", "warmup-reports"],
        "workbooks" => ["timeout", "after", "only"],
        "cross-instance" => ["clients", "reports", "interval", "warmup-reports", "postgres", "redis"],
        "display-soak" => ["minutes", "interval", "sample", "width", "height", "rotate", "warmup", "settle", "warmup-reports", "keep-dumps"],
        _ => ["minutes", "pages", "interval", "sample", "warmup", "open-concurrency", "keep-dumps"],
    };
    foreach (var name in known.Concat(["label", "out"]))
    {
        cli.String(name);
    }
    return cli.Unread().ToList();
}
