using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Data.Communities;

/// <summary>
/// Which communities the list shows, and in what order; every part optional. The same names are the page's address and
/// the API's parameters (<c>locality</c>, <c>county</c>, <c>town</c>, <c>stage</c>, <c>pilot</c>, <c>demonstration</c>, <c>unmet</c>,
/// <c>c12Below</c>, <c>quietMonths</c>, <c>q</c>, <c>sort</c>).
/// </summary>
public sealed record CommunityListFilter
{
    /// <summary>A prefecture-level code; null for the whole store.</summary>
    public string? Locality { get; init; }

    /// <summary>A county-level code.</summary>
    public string? County { get; init; }

    /// <summary>A 9-digit town (subdistrict) code.</summary>
    public string? Town { get; init; }

    /// <summary>Any of these stages now; empty for all.</summary>
    public IReadOnlyList<Stage> Stages { get; init; } = [];

    /// <summary>Only communities that have ever been a pilot.</summary>
    public bool EverPilot { get; init; }

    /// <summary>Only communities that have never been a pilot (the API's <c>pilot=false</c>).</summary>
    public bool NeverPilot { get; init; }

    /// <summary>True: only current demonstration bases (示范教育基地); false: only communities that are none now; null: both.</summary>
    public bool? Demonstration { get; init; }

    /// <summary>Criteria (1–16) of which at least one is not met now.</summary>
    public IReadOnlyList<int> Unmet { get; init; } = [];

    /// <summary>At least one of the 16 criteria is not met now.</summary>
    public bool AnyUnmet { get; init; }

    /// <summary>Criterion 12's share (property-management coverage) is below this; a community not yet assessed counts as below.</summary>
    public double? C12Below { get; init; }

    /// <summary>Neither the stage nor any criterion's value changed in at least this many months before today.</summary>
    public int? QuietMonths { get; init; }

    /// <summary>Part of the Chinese name, or the start of the code.</summary>
    public string? Query { get; init; }

    public CommunityListSort Sort { get; init; } = CommunityListSort.Default;
}

/// <summary>The columns the list sorts by; ties by code.</summary>
public enum CommunityListColumn
{
    Code,
    Name,
    County,
    Town,
    Stage,
    Since,
    CriteriaMet,
    LastReport,
}

public sealed record CommunityListSort(CommunityListColumn Column, bool Descending)
{
    public static CommunityListSort Default { get; } = new(CommunityListColumn.Code, false);
}
