using GreenCommunity.Dashboard.Theme;
using MudBlazor;

namespace GreenCommunity.Dashboard.Components.Layout;

/// <summary>A green palette and system CJK fonts (no web fonts: the dashboard runs without internet).</summary>
public static class DashboardTheme
{
    private static readonly string[] s_fonts =
        ["\"Noto Sans CJK SC\"", "\"Source Han Sans SC\"", "\"PingFang SC\"", "\"Microsoft YaHei\"", "system-ui", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = DashboardColors.Green,
            Secondary = "#546e7a",
            Success = DashboardColors.Green,
            Warning = DashboardColors.Orange,
            Error = DashboardColors.Red,
            AppbarBackground = DashboardColors.Green,
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = s_fonts },
            H1 = new H1Typography { FontFamily = s_fonts },
            H2 = new H2Typography { FontFamily = s_fonts },
            H3 = new H3Typography { FontFamily = s_fonts },
            H4 = new H4Typography { FontFamily = s_fonts },
            H5 = new H5Typography { FontFamily = s_fonts },
            H6 = new H6Typography { FontFamily = s_fonts },
            Subtitle1 = new Subtitle1Typography { FontFamily = s_fonts },
            Subtitle2 = new Subtitle2Typography { FontFamily = s_fonts },
            Body1 = new Body1Typography { FontFamily = s_fonts },
            Body2 = new Body2Typography { FontFamily = s_fonts },
            Button = new ButtonTypography { FontFamily = s_fonts },
            Caption = new CaptionTypography { FontFamily = s_fonts },
            Overline = new OverlineTypography { FontFamily = s_fonts },
        },
    };
}
