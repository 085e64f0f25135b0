using Dapper;
using GreenCommunity.Data.Storage;

namespace GreenCommunity.Data.Bulletins;

/// <summary>An inspection finding not met and not rectified on a day.</summary>
public sealed record OpenFindingRow(
    string Locality,
    string Community,
    string CommunityName,
    string Inspection,
    DateOnly VisitedOn,
    long Criterion,
    string? Note,
    DateOnly? RectifyBy);

/// <summary>
/// Inspection findings open at the end of a day, read straight from the inspections' tables (0009): open while not met,
/// visited by then and not rectified by then; a later rectification does not close it on an earlier day.
/// </summary>
public sealed class OpenFindingQueries(StoreDatabase database)
{
    private const string OpenOnSql =
        """
        SELECT i.locality_code AS Locality, i.community_code AS Community, c.name AS CommunityName, i.inspection_id AS Inspection,
               i.visited_on AS VisitedOn, f.criterion AS Criterion, f.note AS Note, i.rectify_by AS RectifyBy
          FROM inspection_findings f
          JOIN inspections i ON i.id = f.inspection
          JOIN communities c ON c.code = i.community_code
         WHERE f.met = 0 AND i.visited_on <= @Day AND (f.rectified_on IS NULL OR f.rectified_on > @Day)
         ORDER BY i.locality_code, i.visited_on, i.community_code, f.criterion
        """;

    public async Task<IReadOnlyList<OpenFindingRow>> OpenOnAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<OpenFindingRow>(new CommandDefinition(OpenOnSql, new { Day = day }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }
}
