namespace GreenCommunity.Domain.Campaigns;

/// <summary>A phase of a campaign; the last one (long-term management) may have no end.</summary>
public sealed record Phase(string Key, string Name, string NameEn, DateOnly Start, DateOnly? End)
{
    public bool Contains(DateOnly day) => day >= Start && (End is null || day <= End);
}
