using GreenCommunity.Domain.Campaigns;
using GreenCommunity.Domain.Regions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace GreenCommunity.Dashboard.Localization;

/// <summary>
/// The texts' words for the deployment's root: a store of the whole country (its campaign's root is 000000) says
/// 全国/nationwide and 地区/regions where Hubei's texts say 全省/province-wide and 市州/localities. A resource
/// "Name.Country" replaces "Name" in a national deployment; every other text is Hubei's, unchanged. Without a campaign
/// (component tests) the texts are Hubei's.
/// </summary>
public sealed class CountryWordsLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory logs, IServiceProvider services) : IStringLocalizerFactory
{
    public const string CountrySuffix = ".Country";

    private readonly ResourceManagerStringLocalizerFactory _resources = new(options, logs);

    private readonly Lazy<bool> _national = new(() => services.GetService<Campaign>()?.ProvinceCode == RegionTree.CountryCode);

    public IStringLocalizer Create(Type resourceSource) => Wrap(_resources.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => Wrap(_resources.Create(baseName, location));

    private IStringLocalizer Wrap(IStringLocalizer localizer) => _national.Value ? new CountryWordsLocalizer(localizer) : localizer;

    private sealed class CountryWordsLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        public LocalizedString this[string name] => Country(name) is { } national ? inner[national] : inner[name];

        public LocalizedString this[string name, params object[] arguments] =>
            Country(name) is { } national ? inner[national, arguments] : inner[name, arguments];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private string? Country(string name)
        {
            var national = name + CountrySuffix;
            return inner[national].ResourceNotFound ? null : national;
        }
    }
}
