using System.Xml.Linq;
using GreenCommunity.Data.Access;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace GreenCommunity.Dashboard.Storage;

/// <summary>
/// The data-protection key ring in the shared store, for several servers on PostgreSQL. The key manager calls this
/// synchronously and rarely (at start, then when a key nears its end), so waiting on the store here is acceptable.
/// </summary>
public sealed class StoreXmlRepository(ProtectionKeyStore keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. keys.AllAsync(CancellationToken.None).GetAwaiter().GetResult().Select(XElement.Parse)];

    public void StoreElement(XElement element, string friendlyName) =>
        keys.StoreAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), CancellationToken.None).GetAwaiter().GetResult();
}
