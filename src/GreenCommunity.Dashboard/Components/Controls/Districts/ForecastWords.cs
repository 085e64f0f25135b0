using System.Globalization;
using GreenCommunity.Dashboard.Model;
using GreenCommunity.Domain.Campaigns;
using Microsoft.Extensions.Localization;

namespace GreenCommunity.Dashboard.Components.Controls.Districts;

/// <summary>A forecast in words and its order, said once for the districts' table and the province's.</summary>
public static class ForecastWords
{
    /// <summary>"预计36个，需30个", or after the last milestone "全部启动 2028-04-20 · 全部验收 按此进度无法完成".</summary>
    public static string Describe(PaceForecast forecast, IStringLocalizer<Resources.Districts> loc)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(loc);
        if (forecast is { Target: not null, LocalitiesAtRisk: > 0 and var localities })
        {
            // The province before a milestone: its own total says nothing when the target is each locality's. After the
            // last one the days all would be started and accepted still say something, so they stay.
            return loc[nameof(Resources.Districts.ForecastLocalitiesAtRisk), localities];
        }
        if (forecast is { Projected: { } projected, Required: { } required })
        {
            // Whole communities: 24.5 projected is 24 done.
            return loc[nameof(Resources.Districts.ForecastProjected), N((int)Math.Floor(projected + 1e-9)), N(required)];
        }
        return $"{loc[nameof(Resources.Districts.ForecastAllStarted), When(forecast.AllStarted, loc)]} · {loc[nameof(Resources.Districts.ForecastAllAccepted), When(forecast.AllAccepted, loc)]}";
    }

    /// <summary>The flag: at risk, on track (before the last milestone), or none.</summary>
    public static string? Flag(PaceForecast forecast, IStringLocalizer<Resources.Districts> loc)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(loc);
        return forecast.AtRisk ? loc[nameof(Resources.Districts.ForecastAtRisk)].Value
            : forecast.Target is not null ? loc[nameof(Resources.Districts.ForecastOnTrack)].Value
            : null;
    }

    public static string When(Completion? completion, IStringLocalizer<Resources.Districts> loc)
    {
        ArgumentNullException.ThrowIfNull(loc);
        return completion switch
        {
            null => "—",
            { IsDone: true } => loc[nameof(Resources.Districts.ForecastDone)],
            { Day: { } day } => IsoDay.Text(day),
            _ => loc[nameof(Resources.Districts.ForecastNever)],
        };
    }

    /// <summary>Sorts those at risk first, then the furthest short of the target (or, after the last milestone, the latest to finish).</summary>
    public static IComparable Order(PaceForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        var within = forecast switch
        {
            { Projected: { } projected, Required: { } required } => projected - required,
            { AllAccepted.IsDone: true } => double.MaxValue,
            { AllAccepted.Day: { } day } => -day.DayNumber,
            _ => double.MinValue,
        };
        return (forecast.AtRisk ? 0 : 1, within);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
