namespace GreenCommunity.Domain.Standard;

/// <summary>湖北省绿色社区创建标准（试行）: the 16 criteria in 5 groups, worded as in the plan's attachment.</summary>
public static class GreenCommunityStandard
{
    public const int CriterionCount = 16;

    /// <summary>Criterion 12: property-management coverage, met at 30% or more.</summary>
    public const int PropertyManagementCriterion = 12;

    public const double PropertyManagementThreshold = 0.30;

    public static readonly CriterionGroup Mechanism = new(1, "建立健全社区人居环境建设和整治机制", "Mechanism for the living environment");
    public static readonly CriterionGroup GreenInfrastructure = new(2, "推进社区基础设施绿色化", "Green infrastructure");
    public static readonly CriterionGroup LiveableEnvironment = new(3, "营造社区宜居环境", "Liveable environment");
    public static readonly CriterionGroup SmartCommunity = new(4, "提高社区信息化智能化水平", "Smart community");
    public static readonly CriterionGroup GreenCulture = new(5, "培育社区绿色文化", "Green culture");

    public static IReadOnlyList<CriterionGroup> Groups { get; } =
        [Mechanism, GreenInfrastructure, LiveableEnvironment, SmartCommunity, GreenCulture];

    public static IReadOnlyList<Criterion> Criteria { get; } =
    [
        new(1, Mechanism, "坚持美好环境与幸福生活共同缔造理念，各主体共同参与社区人居环境建设和整治工作。", "All parties take part, co-creating a good environment and a happy life"),
        new(2, Mechanism, "搭建沟通议事平台，利用“互联网+共建共治共享”等线上线下手段，开展多种形式基层协商。", "Consultation platform; grassroots consultation online and offline"),
        new(3, Mechanism, "设计师、工程师进社区，辅导居民有效谋划人居环境建设和整治方案。", "Designers and engineers help residents plan"),
        new(4, GreenInfrastructure, "社区各类基础设施比较完善。", "Infrastructure fairly complete"),
        new(5, GreenInfrastructure, "开展了社区道路综合治理、海绵化改造和建设，生活垃圾分类居民小区全覆盖。", "Roads and sponge-city retrofit done; waste sorting in every compound"),
        new(6, GreenInfrastructure, "在基础设施改造建设中落实经济适用、绿色环保的理念。", "Economical, green materials and methods in infrastructure works"),
        new(7, LiveableEnvironment, "社区绿地布局合理，有公共活动空间和设施。", "Green space well laid out; public activity space"),
        new(8, LiveableEnvironment, "社区停车秩序规范，无占压消防、救护等生命通道的情况。", "Orderly parking; no blocked fire or ambulance lanes"),
        new(9, LiveableEnvironment, "公共空间开展了适老化改造和无障碍设施建设。", "Age-friendly and barrier-free public space"),
        new(10, LiveableEnvironment, "对噪声扰民等问题进行了有效治理。", "Noise nuisance dealt with"),
        new(11, SmartCommunity, "建设了智能化安防系统。", "Intelligent security system built"),
        new(12, SmartCommunity, "物业管理覆盖面不低于30%。", "Property-management coverage at least 30%", PropertyManagementThreshold),
        new(13, GreenCulture, "社区有固定宣传场所和设施，能定期发布创建信息。", "Fixed publicity place; creation news published regularly"),
        new(14, GreenCulture, "对社区工作者、物业服务从业者等相关人员定期开展培训。", "Regular training for community and property staff"),
        new(15, GreenCulture, "发布了社区居民绿色生活行为公约。", "Residents' green-living code of conduct published"),
        new(16, GreenCulture, "社区相关文物古迹、历史建筑、古树名木等历史文化资源得到有效保护。", "Relics, historic buildings and notable trees protected"),
    ];

    public static Criterion Get(int number) =>
        number is >= 1 and <= CriterionCount
            ? Criteria[number - 1]
            : throw new ArgumentOutOfRangeException(nameof(number), number, "The standard has criteria 1 to 16.");

    /// <summary>True when every one of the 16 criteria has a value that meets it.</summary>
    public static bool AllMet(IReadOnlyDictionary<int, double> values) =>
        Criteria.All(c => values.TryGetValue(c.Number, out var v) && c.IsMet(v));
}
