using System.Diagnostics;
using System.Globalization;

namespace GreenCommunity.LoadTests;

/// <summary>CPU time from /proc: the server process, the Chromium processes under this tool, the tool, the machine.</summary>
internal readonly record struct CpuSnapshot(long Timestamp, double Server, double Chromium, double Tool, double MachineBusy, double MachineTotal)
{
    /// <summary>Clock ticks per second of /proc's utime/stime (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100.0;

    public static CpuSnapshot Take(int serverPid)
    {
        var table = ProcessTable();
        var server = table.TryGetValue(serverPid, out var s) ? s.Cpu : 0;
        var tool = table.TryGetValue(Environment.ProcessId, out var t) ? t.Cpu : 0;
        var chromium = Descendants(table, Environment.ProcessId)
            .Where(p => p.Comm.StartsWith("chrom", StringComparison.Ordinal) || p.Comm.StartsWith("headless", StringComparison.Ordinal))
            .Sum(p => p.Cpu);
        var (busy, total) = Machine();
        return new CpuSnapshot(Stopwatch.GetTimestamp(), server / TicksPerSecond, chromium / TicksPerSecond, tool / TicksPerSecond, busy / TicksPerSecond, total / TicksPerSecond);
    }

    public static CpuWindow operator -(CpuSnapshot end, CpuSnapshot start) => new(
        Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds,
        end.Server - start.Server,
        end.Chromium - start.Chromium,
        end.Tool - start.Tool,
        end.MachineBusy - start.MachineBusy,
        end.MachineTotal - start.MachineTotal);

    /// <summary>Resident set of a process, from /proc/pid/status (VmRSS), in bytes.</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }

    /// <summary>Resident set of all Chromium processes under this tool, in bytes (shared pages counted per process).</summary>
    public static long ChromiumResidentBytes()
    {
        var table = ProcessTable();
        long sum = 0;
        foreach (var p in Descendants(table, Environment.ProcessId).Where(p => p.Comm.StartsWith("chrom", StringComparison.Ordinal)))
        {
            try
            {
                sum += ResidentBytes(p.Pid);
            }
            catch (IOException)
            {
                // exited meanwhile
            }
        }
        return sum;
    }

    private sealed record ProcEntry(int Pid, string Comm, int Parent, long Cpu);

    private static Dictionary<int, ProcEntry> ProcessTable()
    {
        var table = new Dictionary<int, ProcEntry>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue;   // exited meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            // pid (comm) state ppid ... utime(14) stime(15): comm may hold spaces and parentheses, so split after the last ')'.
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var comm = stat[(open + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var cpu = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            table[pid] = new ProcEntry(pid, comm, parent, cpu);
        }
        return table;
    }

    private static IEnumerable<ProcEntry> Descendants(Dictionary<int, ProcEntry> table, int root)
    {
        var children = table.Values.ToLookup(p => p.Parent);
        var stack = new Stack<int>([root]);
        while (stack.Count > 0)
        {
            foreach (var child in children[stack.Pop()])
            {
                yield return child;
                stack.Push(child.Pid);
            }
        }
    }

    /// <summary>/proc/stat's first line: busy (all but idle and iowait) and total ticks of all cores.</summary>
    private static (double Busy, double Total) Machine()
    {
        var first = File.ReadLines("/proc/stat").First();
        var values = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Sum();
        var idle = values[3] + values[4];
        return (total - idle, total);
    }
}

/// <summary>CPU seconds used over a wall-clock window.</summary>
internal readonly record struct CpuWindow(double Seconds, double Server, double Chromium, double Tool, double MachineBusy, double MachineTotal)
{
    /// <summary>CPU seconds used by processes other than the server, Chromium and this tool (a noisy machine shows here).</summary>
    public double Others => MachineBusy - Server - Chromium - Tool;

    /// <summary>Busy share of all cores, 0–1.</summary>
    public double MachineShare => MachineTotal > 0 ? MachineBusy / MachineTotal : 0;

    public double Cores => MachineTotal / Math.Max(Seconds, 1e-9);
}
