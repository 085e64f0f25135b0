using System.Text.Json;
using System.Text.Json.Serialization;

namespace GreenCommunity.Domain.Campaigns;

/// <summary>Reads a campaign from its JSON definition (campaigns/*.json), so a deployment can define its own.</summary>
public static class CampaignDefinition
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static Campaign Parse(string json)
    {
        var dto = JsonSerializer.Deserialize<CampaignDto>(json, s_options)
            ?? throw new InvalidDataException("The campaign definition is empty.");
        var campaign = new Campaign(
            Required(dto.Id, "id"),
            Required(dto.Name, "name"),
            dto.NameEn ?? dto.Name!,
            Required(dto.ProvinceCode, "provinceCode"),
            dto.Start ?? throw Missing("start"),
            dto.End ?? throw Missing("end"),
            (dto.Phases ?? []).Select(p => new Phase(Required(p.Key, "phases[].key"), Required(p.Name, "phases[].name"), p.NameEn ?? p.Name!, p.Start ?? throw Missing("phases[].start"), p.End)).ToList(),
            (dto.Milestones ?? []).Select(m => new Milestone(Required(m.Key, "milestones[].key"), m.Kind ?? throw Missing("milestones[].kind"), m.Due ?? throw Missing("milestones[].due"), m.Minimum ?? throw Missing("milestones[].minimum"), m.Maximum, Required(m.Name, "milestones[].name"), m.NameEn ?? m.Name!)).ToList(),
            dto.Reporting is { } r
                ? new ReportingRules(r.MonthlyDueDay ?? throw Missing("reporting.monthlyDueDay"), r.AnnualDueMonth ?? throw Missing("reporting.annualDueMonth"), r.AnnualDueDay ?? throw Missing("reporting.annualDueDay"), r.PlanDue ?? throw Missing("reporting.planDue"))
                : throw Missing("reporting"));
        if (campaign.End < campaign.Start)
        {
            throw new InvalidDataException("The campaign ends before it starts.");
        }
        if (campaign.Reporting.MonthlyDueDay is < 1 or > 28)
        {
            throw new InvalidDataException("reporting.monthlyDueDay must be a day that every month has (1–28).");
        }
        return campaign;
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw Missing(name) : value;

    private static InvalidDataException Missing(string name) => new($"The campaign definition lacks '{name}'.");

    private sealed record CampaignDto(string? Id, string? Name, string? NameEn, string? ProvinceCode, DateOnly? Start, DateOnly? End,
        List<PhaseDto>? Phases, List<MilestoneDto>? Milestones, ReportingDto? Reporting);

    private sealed record PhaseDto(string? Key, string? Name, string? NameEn, DateOnly? Start, DateOnly? End);

    private sealed record MilestoneDto(string? Key, MilestoneKind? Kind, DateOnly? Due, double? Minimum, double? Maximum, string? Name, string? NameEn);

    private sealed record ReportingDto(int? MonthlyDueDay, int? AnnualDueMonth, int? AnnualDueDay, DateOnly? PlanDue);
}
