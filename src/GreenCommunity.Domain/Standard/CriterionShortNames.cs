namespace GreenCommunity.Domain.Standard;

/// <summary>
/// Each criterion's short name, for places with room for a word or two (the heat map's column heads); the full text
/// (<see cref="Criterion.Text"/>, <see cref="Criterion.ShortEn"/>) stays for hover and detail.
/// </summary>
public static class CriterionShortNames
{
    // In the order of the criteria 1–16, worded after the seed's text.
    private static readonly string[] s_chinese =
        ["共同缔造", "协商议事", "设计进社区", "设施完善", "海绵与分类", "绿色改造", "绿地空间", "停车通道",
         "适老无障碍", "噪声治理", "智能安防", "物业覆盖", "宣传场所", "人员培训", "绿色公约", "文化保护"];

    private static readonly string[] s_english =
        ["Co-creation", "Consultation", "Designers", "Infrastructure", "Roads & waste", "Green works", "Green space", "Parking",
         "Age-friendly", "Noise", "Security", "Property mgmt", "Publicity", "Training", "Green code", "Heritage"];

    /// <summary>The criterion's short name in Chinese, or in English when <paramref name="english"/>.</summary>
    public static string ShortName(this Criterion criterion, bool english) =>
        (english ? s_english : s_chinese)[criterion.Number - 1];
}
