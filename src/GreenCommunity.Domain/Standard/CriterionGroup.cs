namespace GreenCommunity.Domain.Standard;

/// <summary>The five groups (内容) of the Hubei Green Community Creation Standard (trial).</summary>
public sealed record CriterionGroup(int Number, string Name, string NameEn);
