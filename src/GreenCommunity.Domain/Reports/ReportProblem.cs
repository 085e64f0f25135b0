using System.Globalization;
using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Communities;

namespace GreenCommunity.Domain.Reports;

/// <summary>
/// One problem with a report: where (a JSON path such as "updates[3].stage", or a sheet's "rows[5].stage"), what
/// (a stable <see cref="ReportProblemCodes">code</see>) and the values its text names. Texts are made per language
/// from the code: English here (the API's), Chinese in the dashboard's resources.
/// </summary>
public sealed record ReportProblem(string Path, string Code, IReadOnlyList<object> Arguments)
{
    /// <summary>The English text, as the API has always sent it.</summary>
    public string EnglishText => ReportProblemCodes.English(Code, Arguments);

    /// <summary>The same problem at another path (e.g. an update's field inside the report).</summary>
    public ReportProblem At(string path) => this with { Path = path };
}

/// <summary>
/// The stable codes of report problems, sent as <c>codes</c> in the API's problem details. A public contract:
/// add codes, never rename one.
/// </summary>
public static class ReportProblemCodes
{
    // Reading what was sent
    public const string Required = "required";
    public const string NotAString = "not_a_string";
    public const string UnknownField = "unknown_field";
    public const string InvalidJson = "invalid_json";
    public const string NotAnObject = "not_an_object";
    public const string NotAnArray = "not_an_array";
    public const string TooLong = "too_long";
    public const string InvalidKind = "invalid_kind";
    public const string PeriodNotAMonth = "period_not_a_month";
    public const string PeriodNotAYear = "period_not_a_year";
    public const string InvalidStage = "invalid_stage";
    public const string InvalidDate = "invalid_date";
    public const string CriteriaNotAnObject = "criteria_not_an_object";
    public const string UnknownCriterion = "unknown_criterion";
    public const string InvalidShare = "invalid_share";
    public const string InvalidYesNo = "invalid_yes_no";
    public const string DuplicateField = "duplicate_field";
    public const string InvalidText = "invalid_text";

    // A workbook
    public const string UnreadableWorkbook = "unreadable_workbook";
    public const string NoCodeColumn = "no_code_column";
    public const string NothingToReport = "nothing_to_report";
    public const string FileTooLarge = "file_too_large";

    // The rules
    public const string InvalidLocalityCode = "invalid_locality_code";
    public const string UnknownLocality = "unknown_locality";
    public const string OutsideScope = "outside_scope";
    public const string AcceptedByProvinceOnly = "accepted_by_province_only";
    public const string PeriodBeforeCampaign = "period_before_campaign";
    public const string PeriodInFuture = "period_in_future";
    public const string TooManyUpdates = "too_many_updates";
    public const string InvalidCommunityCode = "invalid_community_code";
    public const string UnknownCommunity = "unknown_community";
    public const string CommunityElsewhere = "community_elsewhere";
    public const string EffectiveAfterReceipt = "effective_after_receipt";
    public const string EffectiveBeforeCampaign = "effective_before_campaign";
    public const string StageNotAllowed = "stage_not_allowed";
    public const string TakeBackByProvinceOnly = "take_back_by_province_only";
    public const string CriteriaUnmet = "criteria_unmet";
    public const string RepeatedCommunity = "repeated_community";

    // The sender
    public const string SenderRevoked = "sender_revoked";

    // A workbook beyond its limits (checked while it is read)
    public const string WorkbookTooLarge = "workbook_too_large";
    public const string TooManyRows = "too_many_rows";
    public const string TooManyColumns = "too_many_columns";
    public const string CellTooLong = "cell_too_long";
    public const string SharedStringsTooLarge = "shared_strings_too_large";
    public const string TooManyProblems = "too_many_problems";
    public const string TooManyParts = "too_many_parts";

    // Acceptance review (验收 requests and decisions)
    public const string AppliedByLocality = "applied_by_locality";
    public const string DecidedByProvince = "decided_by_province";
    public const string NotReadyForAcceptance = "not_ready_for_acceptance";
    public const string AlreadyRequested = "already_requested";
    public const string NotInRequest = "not_in_request";
    public const string AlreadyDecided = "already_decided";
    public const string AcceptedWithUnmet = "accepted_with_unmet";
    public const string ReasonRequired = "reason_required";
    public const string TooManyCommunities = "too_many_communities";
    public const string EmptyList = "empty_list";
    // Provincial departments' annual reports and plans (department.submit)
    public const string InvalidDepartmentKind = "invalid_department_kind";
    public const string YearOutOfRange = "year_out_of_range";
    public const string UnknownDepartment = "unknown_department";
    public const string NotADepartment = "not_a_department";
    public const string OutsideDepartment = "outside_department";
    // Unannounced inspections (暗访督查)
    public const string NoFindings = "no_findings";
    public const string RectifyByRequired = "rectify_by_required";
    public const string BeforeVisit = "before_visit";
    public const string DayInFuture = "day_in_future";
    public const string InspectionByProvinceOnly = "inspection_by_province_only";
    public const string AnswerByLocalityOnly = "answer_by_locality_only";
    public const string NoAnswers = "no_answers";
    public const string NotAFinding = "not_a_finding";
    public const string FindingMet = "finding_met";
    public const string FindingAlreadyAnswered = "finding_already_answered";
    public const string NotRectified = "not_rectified";
    // Bulletins (通报)
    public const string InvalidMonth = "invalid_month";
    public const string MonthBeforeCampaign = "month_before_campaign";
    public const string MonthInFuture = "month_in_future";
    public const string ProvinceOnly = "province_only";
    // Demonstration bases and practices (issue 14)
    public const string DesignatedByProvinceOnly = "designated_by_province_only";

    /// <summary>Every code with its English text; "{0}" are the problem's arguments.</summary>
    public static IReadOnlyDictionary<string, string> EnglishTexts { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Required] = "Required.",
        [NotAString] = "Must be a string.",
        [UnknownField] = "Unknown field.",
        [InvalidJson] = "Not valid JSON: {0}",
        [NotAnObject] = "Must be a JSON object.",
        [NotAnArray] = "Required: an array (it may be empty).",
        [TooLong] = "At most {0} characters.",
        [InvalidKind] = "One of monthly, annual, plan.",
        [PeriodNotAMonth] = "A monthly report's period is YYYY-MM.",
        [PeriodNotAYear] = "An annual report's or a plan's period is YYYY.",
        [InvalidStage] = "One of not_started, pilot, in_progress, accepted.",
        [InvalidDate] = "A date, YYYY-MM-DD.",
        [CriteriaNotAnObject] = "An object keyed \"1\"..\"16\".",
        [UnknownCriterion] = "The standard has criteria \"1\" to \"16\".",
        [InvalidShare] = "A fraction from 0 to 1 (met from 0.30).",
        [InvalidYesNo] = "true or false.",
        [DuplicateField] = "Given more than once: each field once.",
        [InvalidText] = "Not valid text (an invalid UTF-8 byte, a lone surrogate or a control character).",
        [UnreadableWorkbook] = "Not a readable .xlsx workbook: {0}",
        [NoCodeColumn] = "The first sheet has no column \"{0}\": use the template.",
        [NothingToReport] = "No row has a stage, a date or a criterion filled in.",
        [FileTooLarge] = "A file of at most {0} MB.",
        [InvalidLocalityCode] = "Must be a six-digit prefecture-level code.",
        [UnknownLocality] = "Not a prefecture-level locality of the province.",
        [OutsideScope] = "This sender reports for locality {0} only, not {1}.",
        [AcceptedByProvinceOnly] = "Only the province accepts communities (验收): a locality cannot report a community as accepted.",
        [PeriodBeforeCampaign] = "Before the campaign's start ({0}).",
        [PeriodInFuture] = "A future period cannot be reported.",
        [TooManyUpdates] = "At most {0} updates per report.",
        [InvalidCommunityCode] = "Must be a twelve-digit community code.",
        [UnknownCommunity] = "No urban community {0}.",
        [CommunityElsewhere] = "Community {0} is not in locality {1}.",
        [EffectiveAfterReceipt] = "After the day the report was received.",
        [EffectiveBeforeCampaign] = "Before the campaign's start ({0}).",
        [StageNotAllowed] = "A community cannot go from {0} to {1}.",
        [TakeBackByProvinceOnly] = "Only the province takes an acceptance back (验收 is the province's).",
        [CriteriaUnmet] = "Accepted only when all 16 criteria are met; not met: {0}.",
        [RepeatedCommunity] = "Community {0} is already in this report at updates[{1}]: one update per community.",
        [SenderRevoked] = "The account or API token sending this report has been disabled or revoked.",
        [WorkbookTooLarge] = "Unpacked, the workbook's sheet and texts may take at most {0} MB: upload only the sheet to report.",
        [TooManyRows] = "At most {0} rows below the header (one per community).",
        [TooManyColumns] = "At most {0} columns: use the template.",
        [CellTooLong] = "A cell holds at most {0} characters.",
        [SharedStringsTooLarge] = "The workbook holds more than {0} texts or {1} characters of text: upload only the sheet to report.",
        [TooManyProblems] = "More than {0} problems: the first ones are listed; correct them and upload again.",
        [TooManyParts] = "The workbook lists more than {0} parts, sheets or names: upload only the sheet to report.",
        [AppliedByLocality] = "A locality applies for acceptance of its own communities; the province decides.",
        [DecidedByProvince] = "Only the province decides on acceptance (验收).",
        [NotReadyForAcceptance] = "Community {0} is {1}: only a pilot or in-progress community can be applied for.",
        [AlreadyRequested] = "Community {0} is already waiting for a decision in request {1}.",
        [NotInRequest] = "Community {0} is not in this request.",
        [AlreadyDecided] = "Community {0} was already decided in this request.",
        [AcceptedWithUnmet] = "Accepted while criteria {0} were found not met: accept only with all 16 met.",
        [ReasonRequired] = "A returned community needs the reason, for its locality.",
        [TooManyCommunities] = "At most {0} communities.",
        [EmptyList] = "At least one.",

        // Provincial departments' annual reports and plans (department.submit)
        [InvalidDepartmentKind] = "One of annual, plan.",
        [YearOutOfRange] = "A year from {0} to {1}.",
        [UnknownDepartment] = "Not a provincial department: one of {0}.",
        [NotADepartment] = "Only a provincial department's account sends a department's annual report and plan.",
        [OutsideDepartment] = "This account sends for department {0} only, not {1}.",

        // Unannounced inspections (暗访督查)
        [NoFindings] = "At least one finding, keyed \"1\"..\"16\".",
        [RectifyByRequired] = "Required when a finding is not met: the day by which it must be rectified.",
        [BeforeVisit] = "Before the visit ({0}).",
        [DayInFuture] = "A day in the future: at most today ({0}).",
        [InspectionByProvinceOnly] = "Only the province records unannounced inspections (暗访督查).",
        [AnswerByLocalityOnly] = "Only the community's locality ({0}) answers an inspection's findings.",
        [NoAnswers] = "At least one answer, keyed by a finding's criterion.",
        [NotAFinding] = "Criterion {0} is not among this inspection's findings.",
        [FindingMet] = "Criterion {0} was found met: there is nothing to rectify.",
        [FindingAlreadyAnswered] = "Finding {0} was already answered as rectified on {1}.",
        [NotRectified] = "Answer a finding once it is rectified: rectified must be true.",

        // Bulletins (通报)
        [InvalidMonth] = "A month, YYYY-MM.",
        [MonthBeforeCampaign] = "Before the campaign's first month ({0}).",
        [MonthInFuture] = "A month that has not begun: figures exist up to today ({0}).",
        [ProvinceOnly] = "Only the province drafts, edits and publishes bulletins.",

        // Demonstration bases and practices (issue 14)
        [DesignatedByProvinceOnly] = "Only the province designates and withdraws demonstration bases (示范教育基地).",
    };

    public static string English(string code, IReadOnlyList<object> arguments) =>
        EnglishTexts.TryGetValue(code, out var template) ? Format(template, arguments, StageNames.ToApiName, ", ") : code;

    /// <summary>A text with the problem's values in it: stages by <paramref name="stageName"/>, days as YYYY-MM-DD, lists joined by <paramref name="separator"/>.</summary>
    public static string Format(string template, IReadOnlyList<object> arguments, Func<Stage, string> stageName, string separator) =>
        string.Format(CultureInfo.InvariantCulture, template, arguments.Select(argument => argument switch
        {
            Stage stage => stageName(stage),
            DateOnly day => IsoDay.Text(day),
            IEnumerable<int> numbers => string.Join(separator, numbers),
            _ => argument,
        }).ToArray());
}
