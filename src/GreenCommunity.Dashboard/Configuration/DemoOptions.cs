using System.ComponentModel.DataAnnotations;

namespace GreenCommunity.Dashboard.Configuration;

/// <summary>Demo mode (section "Demo"): a new database is filled with a simulated 2021–2022 campaign.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool Enabled { get; set; } = true;

    /// <summary>The same seed plays the same history.</summary>
    public int Seed { get; set; } = 2021;

    /// <summary>Seconds between the live feed's reports while the app runs in demo mode; 0 turns the feed off.</summary>
    [Range(0, 86_400)]
    public double LiveFeedSeconds { get; set; } = 5;
}
