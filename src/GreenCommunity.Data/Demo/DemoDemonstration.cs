using Dapper;
using GreenCommunity.Data.Actions;
using GreenCommunity.Data.Demonstration;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Demo;

/// <summary>
/// The demo's demonstration bases and practices: in three localities, the first accepted communities by code are
/// designated after the 2022 acceptance round, and each locality lists practices, some at one of its bases. Written
/// through <see cref="ActionWriter"/> as the app's own writes (no key, no sender), so each has its audit row.
/// </summary>
public static class DemoDemonstration
{
    public const string Actor = "demo";

    /// <summary>The day the demo's bases were designated and its practices written (after the year-end acceptance of 2022).</summary>
    public static readonly DateTimeOffset DesignatedAt = new(2023, 3, 15, 10, 0, 0, ChinaTime.Offset);

    private static readonly (string Locality, int Bases)[] s_localities = [("420100", 3), ("420500", 2), ("420600", 2)];

    private static readonly string[] s_baseDescriptions =
    [
        "{0}以党建引领“红色物业”，建成垃圾分类示范小区和社区共享菜园，居民参与率超过八成，供各地社区现场观摩学习。",
        "{0}完成老旧小区改造与海绵化提升，建设口袋公园和节水器具替换示范点，形成“改造—管护—评价”闭环。",
        "{0}组建绿色生活志愿服务队，常态化开展节能、节水、绿色出行宣传，建成绿色社区主题展示馆，承接全省培训参观。",
    ];

    private static readonly (string Title, string Description)[] s_practices =
    [
        ("“红色物业”推动小区综合治理", "由社区党组织牵头，业主委员会、物业服务企业和居民代表每月召开联席会议，共同确定环境整治、设施维护和垃圾分类事项；物业服务覆盖率纳入考核，群众满意度逐季公示。可在有物业服务的老旧小区直接推广。"),
        ("垃圾分类“定时定点＋积分兑换”", "撤桶并点后设置定时投放点，志愿者现场督导；居民凭分类积分兑换生活用品，积分数据与社区绿色家庭评选挂钩。推广要点：先选 1～2 个小区试行，再以街道为单位复制。"),
        ("老旧小区改造同步建设绿色设施", "在老旧小区改造中同步实施雨污分流、透水铺装、屋顶绿化和充电设施建设，改造方案经居民议事会表决通过，改造后由社区、物业和居民共同管护。"),
        ("社区共享菜园与自然教育", "利用闲置边角地建设共享菜园，以厨余堆肥为肥源，由学校和社区联合开展自然教育课程，带动青少年和家庭参与绿色社区创建。"),
    ];

    private const string CandidatesSql =
        """
        SELECT c.code AS Code, c.name AS Name
          FROM communities c JOIN community_state s ON s.community_code = c.code
         WHERE c.locality_code = @locality AND s.stage = 3
         ORDER BY c.code
         LIMIT @count
        """;

    /// <summary>Designates the bases and adds the practices; the same every time for the same demo history.</summary>
    public static async Task SeedAsync(StoreDatabase database, CancellationToken cancellationToken)
    {
        using var writer = new ActionWriter(database);
        var receipt = (string action) => new ActionReceipt(action, Actor, null, DesignatedAt, null, null);
        var stamp = new DemonstrationStamp(Actor, DesignatedAt);
        var practice = 0;
        foreach (var (locality, count) in s_localities)
        {
            IReadOnlyList<(string Code, string Name)> bases;
            await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
            {
                bases = (await connection.QueryAsync<(string Code, string Name)>(new CommandDefinition(CandidatesSql, new { locality, count },
                    cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
            }
            for (var i = 0; i < bases.Count; i++)
            {
                var description = string.Format(System.Globalization.CultureInfo.InvariantCulture, s_baseDescriptions[i % s_baseDescriptions.Length], bases[i].Name);
                Check(await writer.WriteAsync(receipt("demonstration.designate"),
                    DemonstrationWrites.Designate(new BaseDesignation(bases[i].Code, description), new ValidationErrors(), stamp, _ => "{}"), cancellationToken).ConfigureAwait(false));
            }
            // Two practices for the first locality, one for the others; the first of each at its first base.
            for (var n = 0; n < (practice == 0 ? 2 : 1); n++)
            {
                var (title, text) = s_practices[practice++ % s_practices.Length];
                var entry = new PracticeEntry(locality, title, text, n == 0 && bases.Count > 0 ? bases[0].Code : null);
                Check(await writer.WriteAsync(receipt("practice.add"),
                    DemonstrationWrites.AddPractice(entry, new ValidationErrors(), stamp, _ => "{}"), cancellationToken).ConfigureAwait(false));
            }
        }
    }

    private static void Check(ActionResult result)
    {
        if (!result.IsWritten)
        {
            throw new InvalidOperationException($"A demo demonstration write was refused: {result.Detail} {string.Join("; ", result.Errors.Problems.Select(p => p.EnglishText))}");
        }
    }
}
