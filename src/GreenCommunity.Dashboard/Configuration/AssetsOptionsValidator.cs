using GreenCommunity.Data.Reference;
using GreenCommunity.Domain.Campaigns;
using Microsoft.Extensions.Options;

namespace GreenCommunity.Dashboard.Configuration;

/// <summary>
/// At start-up, not at the first page: the asset files exist and the campaign parses. Each failure names the
/// configuration key to change, so that a deployment with a wrong path stops with a message, not a stack trace later.
/// </summary>
public sealed class AssetsOptionsValidator : IValidateOptions<AssetsOptions>
{
    public ValidateOptionsResult Validate(string? name, AssetsOptions options)
    {
        var failures = new List<string>();
        if (!Directory.Exists(options.Directory))
        {
            failures.Add($"{AssetsOptions.SectionName}:Directory: no folder {options.Directory}.");
        }
        else if (options.Scope == ReferenceScope.Hubei)
        {
            var reference = new ReferenceDataFiles(options.Directory);
            foreach (var file in new[] { reference.Divisions, reference.Communities, reference.EnglishNames }.Where(f => !File.Exists(f)))
            {
                failures.Add($"{AssetsOptions.SectionName}:Directory: {options.Directory} has no {Path.GetRelativePath(options.Directory, file)}.");
            }
        }
        if (options.Scope == ReferenceScope.China)
        {
            foreach (var file in new NationalDataFiles(options.NationalDataFullPath).All.Where(f => !File.Exists(f)))
            {
                failures.Add($"{AssetsOptions.SectionName}:NationalDataDirectory: no file {file}.");
            }
            foreach (var province in options.ProvinceCodes.Where(p => p.Length != 2 || !p.All(char.IsAsciiDigit)))
            {
                failures.Add($"{AssetsOptions.SectionName}:Provinces: '{province}' is not a province's two-digit code (e.g. 42).");
            }
        }
        RequireFile(failures, "PrefectureMapFile", options.PrefectureMapFullPath);
        RequireFile(failures, "CountyMapFile", options.CountyMapFullPath);
        if (RequireFile(failures, "CampaignFile", options.CampaignFileFullPath))
        {
            try
            {
                CampaignDefinition.Parse(File.ReadAllText(options.CampaignFileFullPath));
            }
#pragma warning disable CA1031 // Whatever the parser throws, the message is what the operator needs.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"{AssetsOptions.SectionName}:CampaignFile: {options.CampaignFileFullPath} is not a campaign definition: {ex.Message}");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool RequireFile(List<string> failures, string key, string path)
    {
        if (File.Exists(path))
        {
            return true;
        }
        failures.Add($"{AssetsOptions.SectionName}:{key}: no file {path}.");
        return false;
    }
}
