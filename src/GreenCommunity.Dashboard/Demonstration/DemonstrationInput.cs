using GreenCommunity.Data.Demonstration;
using GreenCommunity.Domain.Regions;
using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Dashboard.Demonstration;

/// <summary>
/// The checks of a designation's, a withdrawal's and a practice's values, the same for the API's JSON and the page's
/// fields: each problem by its field's name, the value kept only when it is sound (null otherwise).
/// </summary>
public static class DemonstrationInput
{
    public static BaseDesignation Designation(string? community, string? description, ValidationErrors errors) =>
        new(Community(community, "community", required: true, errors), Text(description, "description", DemonstrationWrites.MaxDescriptionLength, errors));

    public static BaseWithdrawal Withdrawal(string community, string? reason, ValidationErrors errors) =>
        new(community, Text(reason, "reason", DemonstrationWrites.MaxReasonLength, errors));

    public static PracticeEntry Practice(string? locality, string? title, string? description, string? community, ValidationErrors errors) =>
        new(Locality(locality, errors),
            Text(title, "title", DemonstrationWrites.MaxTitleLength, errors),
            Text(description, "description", DemonstrationWrites.MaxPracticeLength, errors),
            Community(community, "community", required: false, errors));

    private static string? Locality(string? text, ValidationErrors errors)
    {
        if (Named(errors, "locality"))
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add("locality", ReportProblemCodes.Required);
            return null;
        }
        if (!RegionCodes.IsRegionCode(text))
        {
            errors.Add("locality", ReportProblemCodes.InvalidLocalityCode);
            return null;
        }
        return text;
    }

    private static string? Community(string? text, string path, bool required, ValidationErrors errors)
    {
        if (Named(errors, path))
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(path, ReportProblemCodes.Required);
            }
            return null;
        }
        if (!RegionCodes.IsCommunityCode(text))
        {
            errors.Add(path, ReportProblemCodes.InvalidCommunityCode);
            return null;
        }
        return text;
    }

    /// <summary>Text as written (not trimmed inside), but never blank and within its length.</summary>
    private static string? Text(string? text, string path, int maxLength, ValidationErrors errors)
    {
        if (Named(errors, path))
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(path, ReportProblemCodes.Required);
            return null;
        }
        var trimmed = text.Trim();
        if (trimmed.Length > maxLength)
        {
            errors.Add(path, ReportProblemCodes.TooLong, maxLength);
            return null;
        }
        return trimmed;
    }

    /// <summary>One problem per field: a field the reading already named (not a string) is not checked again.</summary>
    private static bool Named(ValidationErrors errors, string path) => errors.Problems.Any(p => p.Path == path);
}
