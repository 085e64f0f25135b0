using System.Data.Common;
using System.Globalization;
using Dapper;
using GreenCommunity.Data.Actions;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Demonstration;

/// <summary>
/// The writes of demonstration bases and practices, each an <see cref="ActionWrite"/> for <see cref="ActionWriter"/>:
/// what needs the store (does the community exist, is it a base already) is read in the write's own transaction, so
/// nothing can change between the check and the write. The answer's JSON is the caller's (the API's contract).
/// </summary>
public static class DemonstrationWrites
{
    public const int MaxDescriptionLength = 500;
    public const int MaxReasonLength = 500;
    public const int MaxTitleLength = 100;
    public const int MaxPracticeLength = 4000;

    private const string PlaceSql = "SELECT locality_code AS Locality, county_code AS County FROM communities WHERE code = @code";

    private const string InsertBaseSql =
        """
        INSERT INTO demonstration_bases (community_code, locality_code, county_code, description, designated_on, designated_by, designated_at)
        VALUES (@Community, @Locality, @County, @Description, @Day, @Actor, @At)
        """;

    private const string WithdrawSql =
        """
        UPDATE demonstration_bases SET withdrawn_at = @At, withdrawn_by = @Actor, withdrawal_reason = @Reason
         WHERE community_code = @Community AND withdrawn_at IS NULL
        """;

    private const string InsertPracticeSql =
        """
        INSERT INTO practices (practice_id, locality_code, title, description, community_code, created_at, created_by)
        VALUES (@PracticeId, @Locality, @Title, @Description, @Community, @At, @Actor)
        """;

    /// <summary>Designates a community (201); 400 with <paramref name="problems"/> and any unknown community, 409 when it is a base already.</summary>
    public static ActionWrite Designate(BaseDesignation designation, ValidationErrors problems, DemonstrationStamp stamp, Func<DemonstrationBase, string> answer) =>
        async (connection, transaction, cancellationToken) =>
        {
            var errors = Copy(problems);
            var place = designation.Community is { } code ? await PlaceAsync(connection, transaction, code, cancellationToken).ConfigureAwait(false) : null;
            if (designation.Community is not null && place is null)
            {
                errors.Add("community", ReportProblemCodes.UnknownCommunity, designation.Community);
            }
            if (!errors.IsEmpty || designation.Community is not { } community || designation.Description is not { } description || place is null)
            {
                return ActionResult.Invalid(errors, designation.Community);
            }
            if (await DemonstrationQueries.BaseAsync(connection, transaction, community, cancellationToken).ConfigureAwait(false) is { IsCurrent: true } current)
            {
                return ActionResult.Conflict($"Community {community} is already a demonstration base (since {IsoDay.Text(current.DesignatedOn)}).", community);
            }
            var day = ChinaTime.DateAt(stamp.At);
            await connection.ExecuteAsync(new CommandDefinition(InsertBaseSql, new
            {
                Community = community,
                place.Locality,
                place.County,
                Description = description,
                Day = day,
                stamp.Actor,
                At = stamp.At.ToUniversalTime(),
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var stored = await DemonstrationQueries.BaseAsync(connection, transaction, community, cancellationToken).ConfigureAwait(false);
            return ActionResult.Created(BaseLocation(community), answer(stored!), community, $"designated on {IsoDay.Text(day)}");
        };

    /// <summary>Withdraws a current base (200), keeping its row; 400 without a reason, 404 for no such community, 409 when it is no base now.</summary>
    public static ActionWrite Withdraw(BaseWithdrawal withdrawal, ValidationErrors problems, DemonstrationStamp stamp, Func<DemonstrationBase, string> answer) =>
        async (connection, transaction, cancellationToken) =>
        {
            if (!problems.IsEmpty || withdrawal.Reason is not { } reason)
            {
                return ActionResult.Invalid(Copy(problems), withdrawal.Community);
            }
            if (await PlaceAsync(connection, transaction, withdrawal.Community, cancellationToken).ConfigureAwait(false) is null)
            {
                return ActionResult.NotFound($"No urban community {withdrawal.Community}.");
            }
            var changed = await connection.ExecuteAsync(new CommandDefinition(WithdrawSql, new
            {
                withdrawal.Community,
                Reason = reason,
                stamp.Actor,
                At = stamp.At.ToUniversalTime(),
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (changed == 0)
            {
                return ActionResult.Conflict($"Community {withdrawal.Community} is not a demonstration base now.", withdrawal.Community);
            }
            var stored = await DemonstrationQueries.BaseAsync(connection, transaction, withdrawal.Community, cancellationToken).ConfigureAwait(false);
            return ActionResult.Ok(answer(stored!), withdrawal.Community, $"withdrawn: {reason}");
        };

    /// <summary>Adds a locality's practice (201); 400 with <paramref name="problems"/>, an unknown locality or community, or a community of another locality.</summary>
    public static ActionWrite AddPractice(PracticeEntry entry, ValidationErrors problems, DemonstrationStamp stamp, Func<Practice, string> answer) =>
        async (connection, transaction, cancellationToken) =>
        {
            var errors = Copy(problems);
            if (entry.Locality is { } localityCode && !await IsLocalityAsync(connection, transaction, localityCode, cancellationToken).ConfigureAwait(false))
            {
                errors.Add("locality", ReportProblemCodes.UnknownLocality);
            }
            if (entry.Community is { } communityCode)
            {
                var place = await PlaceAsync(connection, transaction, communityCode, cancellationToken).ConfigureAwait(false);
                if (place is null)
                {
                    errors.Add("community", ReportProblemCodes.UnknownCommunity, communityCode);
                }
                else if (entry.Locality is { } asked && place.Locality != asked)
                {
                    errors.Add("community", ReportProblemCodes.CommunityElsewhere, communityCode, asked);
                }
            }
            if (!errors.IsEmpty || entry.Locality is not { } locality || entry.Title is not { } title || entry.Description is not { } description)
            {
                return ActionResult.Invalid(errors, entry.Locality);
            }
            // Numbered within the locality; the write lock and the transaction make the count and the insert one step.
            var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM practices WHERE locality_code = @locality", new { locality }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var practiceId = string.Create(CultureInfo.InvariantCulture, $"{locality}-{count + 1}");
            await connection.ExecuteAsync(new CommandDefinition(InsertPracticeSql, new
            {
                PracticeId = practiceId,
                Locality = locality,
                Title = title,
                Description = description,
                entry.Community,
                stamp.Actor,
                At = stamp.At.ToUniversalTime(),
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var stored = await DemonstrationQueries.PracticeAsync(connection, transaction, practiceId, cancellationToken).ConfigureAwait(false);
            return ActionResult.Created(PracticeLocation(practiceId), answer(stored!), practiceId, title);
        };

    public static string BaseLocation(string community) => $"/api/v1/demonstration-bases/{community}";

    public static string PracticeLocation(string practiceId) => $"/api/v1/practices/{practiceId}";

    private static ValidationErrors Copy(ValidationErrors problems)
    {
        var errors = new ValidationErrors();
        errors.AddRange(problems.Problems);
        return errors;
    }

    private static Task<Place?> PlaceAsync(DbConnection connection, DbTransaction transaction, string code, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<Place>(new CommandDefinition(PlaceSql, new { code }, transaction, cancellationToken: cancellationToken));

    private static async Task<bool> IsLocalityAsync(DbConnection connection, DbTransaction transaction, string code, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM regions WHERE code = @code AND level = 2", new { code }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    private sealed record Place(string Locality, string County);
}
