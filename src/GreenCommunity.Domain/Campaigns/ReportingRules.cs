namespace GreenCommunity.Domain.Campaigns;

/// <summary>When reports are due: monthly by a day of the month, yearly by a date, the plan once.</summary>
public sealed record ReportingRules(int MonthlyDueDay, int AnnualDueMonth, int AnnualDueDay, DateOnly PlanDue);
