namespace GreenCommunity.Dashboard.Api;

/// <summary>Reading a JSON request's body the same way at every door: UTF-8 only, and never more than a limit into memory.</summary>
internal static class RequestBodies
{
    /// <summary>JSON is UTF-8 (RFC 8259); a body declared in another charset would be misread, so it is refused.</summary>
    public static bool IsUtf8(HttpRequest request) =>
        !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        || type.Charset.Length == 0
        || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads at most <paramref name="maxBytes"/>; null when the body is longer.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAtMostAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
