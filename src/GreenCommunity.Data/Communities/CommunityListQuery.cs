using System.Text;
using Dapper;
using GreenCommunity.Data.Progress;
using GreenCommunity.Data.Storage;
using GreenCommunity.Domain.Communities;
using GreenCommunity.Domain.Standard;

namespace GreenCommunity.Data.Communities;

/// <summary>
/// The community list of today, filtered, sorted and paged in SQL: one query for the page, one for the total. Reads the
/// present state only (with the list's columns the report writer keeps on it), so a page costs the same on any history.
/// The statement is put together from the constant fragments below; every value is a parameter.
/// </summary>
public sealed class CommunityListQuery(StoreDatabase database, PresentDay present)
{
    /// <summary>The most rows one read returns (an export of a whole province, with room to spare).</summary>
    public const int MaxRows = 200_000;

    // Each read joins only the tables its filter and order need (every community has one state row): counting the whole
    // list or a locality reads communities alone, counting by stage or criteria reads the present alone.
    private const string FromBoth = " FROM communities c JOIN community_state s ON s.community_code = c.code";
    private const string FromCommunities = " FROM communities c";
    private const string FromState = " FROM community_state s";
    private const string CurrentBaseSql = "SELECT 1 FROM demonstration_bases d WHERE d.community_code = c.code AND d.withdrawn_at IS NULL";

    private static readonly CompositeFormat s_pageSql = CompositeFormat.Parse(
        """
        WITH page AS (
            SELECT {3} AS code
        {0}
        {1}
        {2}
             LIMIT @limit OFFSET @offset)
        SELECT c.code AS Code, c.name AS Name, c.county_code AS CountyCode, COALESCE(r.name, c.county_code) AS CountyName,
               c.town_code AS TownCode, c.town_name AS TownName, c.locality_code AS Locality,
               s.stage AS Stage, s.pilot AS Pilot, s.effective AS Since, s.criteria_met AS CriteriaMet,
               rep.report_id AS ReportId, rep.period AS Period, rep.received_at AS ReceivedAt
          FROM page p
          JOIN communities c ON c.code = p.code
          JOIN community_state s ON s.community_code = c.code
          LEFT JOIN regions r ON r.code = c.county_code AND r.level = 3
          LEFT JOIN reports rep ON rep.id = s.last_report
        {4}
        """);

    private static readonly CompositeFormat s_countSql = CompositeFormat.Parse(
        """
        SELECT COUNT(*)
        {0}
        {1}
        """);

    /// <summary>A page (1-based) of at most <paramref name="pageSize"/> rows, and the number of rows that match.</summary>
    public async Task<CommunityListPage> GetPageAsync(CommunityListFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var (where, args) = Where(filter, present.Today, database.Engine);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            string.Format(null, s_countSql, From(Needs(filter, withSort: false)), where), args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var offset = (long)(page - 1) * pageSize;
        var items = offset >= total ? [] : await ReadAsync(connection, filter, where, args, pageSize, offset, cancellationToken).ConfigureAwait(false);
        return new CommunityListPage(total, items);
    }

    /// <summary>Every matching row, up to <see cref="MaxRows"/>, in the filter's order (for a workbook).</summary>
    public async Task<IReadOnlyList<CommunityListRow>> GetAllAsync(CommunityListFilter filter, CancellationToken cancellationToken)
    {
        var (where, args) = Where(filter, present.Today, database.Engine);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, filter, where, args, MaxRows, 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The towns (subdistricts) of a county-level unit that have communities, by code: the list's town choices.</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> TownsAsync(string county, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<(string Code, string Name)>(new CommandDefinition(
            "SELECT town_code, MIN(town_name) FROM communities WHERE county_code = @county GROUP BY town_code ORDER BY town_code",
            new { county }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    private static async Task<IReadOnlyList<CommunityListRow>> ReadAsync(System.Data.Common.DbConnection connection, CommunityListFilter filter,
        string where, DynamicParameters args, int limit, long offset, CancellationToken cancellationToken)
    {
        args.Add("limit", limit);
        args.Add("offset", offset);
        var needs = Needs(filter, withSort: true);
        var code = needs.HasFlag(Tables.Communities) ? "c.code" : "s.community_code";
        var sql = string.Format(null, s_pageSql, From(needs), where, OrderBy(filter.Sort, code), code, OrderBy(filter.Sort, "c.code"));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToRow()).ToList();
    }

    /// <summary>The WHERE clause of the filter, made of constant fragments, and its parameters.</summary>
    private static (string Where, DynamicParameters Args) Where(CommunityListFilter filter, DateOnly today, StoreEngine engine)
    {
        var clauses = new List<string>();
        var args = new DynamicParameters();
        if (filter.Locality is { } locality)
        {
            clauses.Add("c.locality_code = @locality");
            args.Add("locality", locality);
        }
        if (filter.County is { } county)
        {
            clauses.Add("c.county_code = @county");
            args.Add("county", county);
        }
        if (filter.Town is { } town)
        {
            clauses.Add("c.town_code = @town");
            args.Add("town", town);
        }
        if (filter.Stages.Count > 0)
        {
            clauses.Add(StoreSql.InList(engine, "s.stage", "@stages"));
            args.Add("stages", filter.Stages.Distinct().Select(s => (int)s).ToArray());
        }
        if (filter.EverPilot)
        {
            clauses.Add("s.pilot = 1");
        }
        if (filter.NeverPilot)
        {
            clauses.Add("s.pilot = 0");
        }
        if (filter.Demonstration is { } demonstration)
        {
            // A current base is a row without withdrawn_at: the lookup walks the partial index of current bases.
            clauses.Add(demonstration ? "EXISTS (" + CurrentBaseSql + ")" : "NOT EXISTS (" + CurrentBaseSql + ")");
        }
        if (filter.AnyUnmet)
        {
            clauses.Add("s.criteria_met < @all");
            args.Add("all", GreenCommunityStandard.CriterionCount);
        }
        if (filter.Unmet.Count > 0)
        {
            // Some of the asked criteria are not met: not all of their bits are set.
            var mask = filter.Unmet.Aggregate(0L, (m, n) => m | (1L << (n - 1)));
            clauses.Add("(s.met_mask & @unmetMask) <> @unmetMask");
            args.Add("unmetMask", mask);
        }
        if (filter.C12Below is { } below)
        {
            clauses.Add("COALESCE(s.c12, 0) < @c12Below");
            args.Add("c12Below", below);
        }
        if (filter.QuietMonths is { } months)
        {
            clauses.Add("(s.last_change IS NULL OR s.last_change <= @quietSince)");
            args.Add("quietSince", today.AddMonths(-months));
        }
        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var term = Escape(filter.Query.Trim());
            clauses.Add("(c.name LIKE @contains ESCAPE '\\' OR c.code LIKE @prefix ESCAPE '\\')");
            args.Add("contains", $"%{term}%");
            args.Add("prefix", $"{term}%");
        }
        return (clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses), args);
    }

    /// <summary>LIKE's own characters taken literally, as in <see cref="CommunityQueries.SearchAsync"/>.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    [Flags]
    private enum Tables
    {
        Communities = 1,
        State = 2,
    }

    /// <summary>Which tables the filter (and, for a page, its order) reads.</summary>
    private static Tables Needs(CommunityListFilter filter, bool withSort)
    {
        var needs = (Tables)0;
        if (filter.Locality is not null || filter.County is not null || filter.Town is not null || !string.IsNullOrWhiteSpace(filter.Query) || filter.Demonstration is not null
            || (withSort && filter.Sort.Column is CommunityListColumn.Name or CommunityListColumn.County or CommunityListColumn.Town))
        {
            needs |= Tables.Communities;
        }
        if (filter.Stages.Count > 0 || filter.EverPilot || filter.NeverPilot || filter.AnyUnmet || filter.Unmet.Count > 0 || filter.C12Below is not null || filter.QuietMonths is not null
            || (withSort && filter.Sort.Column is CommunityListColumn.Stage or CommunityListColumn.Since or CommunityListColumn.CriteriaMet or CommunityListColumn.LastReport))
        {
            needs |= Tables.State;
        }
        return needs == 0 ? Tables.Communities : needs;
    }

    private static string From(Tables needs) => needs switch
    {
        Tables.State => FromState,
        Tables.Communities => FromCommunities,
        _ => FromBoth,
    };

    /// <summary>The order of a sort; ties by <paramref name="code"/> (the community's code, from whichever table is read).</summary>
    private static string OrderBy(CommunityListSort sort, string code)
    {
        var column = sort.Column switch
        {
            CommunityListColumn.Name => "c.name",
            CommunityListColumn.County => "c.county_code",
            CommunityListColumn.Town => "c.town_code",
            CommunityListColumn.Stage => "s.stage",
            CommunityListColumn.Since => "s.effective",
            CommunityListColumn.CriteriaMet => "s.criteria_met",
            CommunityListColumn.LastReport => "s.last_report",
            _ => code,
        };
        var direction = sort.Descending ? " DESC" : "";
        var order = new StringBuilder(" ORDER BY ").Append(column).Append(direction);
        if (sort.Column != CommunityListColumn.Code)
        {
            order.Append(", ").Append(code).Append(direction);
        }
        return order.ToString();
    }

    // Settable, not positional: a column that is null on every row (no report yet) has no type Dapper could match.
    private sealed class Row
    {
        public string Code { get; init; } = "";

        public string Name { get; init; } = "";

        public string CountyCode { get; init; } = "";

        public string CountyName { get; init; } = "";

        public string TownCode { get; init; } = "";

        public string TownName { get; init; } = "";

        public string Locality { get; init; } = "";

        public long Stage { get; init; }

        public long Pilot { get; init; }

        public DateOnly? Since { get; init; }

        public long CriteriaMet { get; init; }

        public string? ReportId { get; init; }

        public string? Period { get; init; }

        public DateTimeOffset? ReceivedAt { get; init; }

        public CommunityListRow ToRow() => new(Code, Name, CountyCode, CountyName, TownCode, TownName, Locality, (Stage)Stage, Pilot != 0, Since,
            (int)CriteriaMet, ReportId is null ? null : new LastReportRef(ReportId, Period ?? "", ReceivedAt!.Value));
    }
}
