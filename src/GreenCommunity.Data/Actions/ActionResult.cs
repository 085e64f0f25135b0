using GreenCommunity.Domain.Reports;

namespace GreenCommunity.Data.Actions;

public enum ActionResultKind
{
    /// <summary>Written (or, from <see cref="ActionWriter"/>, answered again from an earlier request with the same key).</summary>
    Done,
    Replayed,
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
    KeyReused,
}

/// <summary>
/// What a write did: done with the answer to send (status, Location, JSON), or refused with its problems. Only a done
/// write is committed; anything else rolls its transaction back and leaves no trace but the audit row of the attempt.
/// </summary>
public sealed record ActionResult(ActionResultKind Kind, int Status, string? Location, string? Response, string? Target, string? Detail, ValidationErrors Errors)
{
    /// <summary>201 Created with a Location and a JSON body.</summary>
    public static ActionResult Created(string location, string responseJson, string target, string detail) =>
        new(ActionResultKind.Done, 201, location, responseJson, target, detail, new ValidationErrors());

    /// <summary>200 OK with a JSON body (an answer to a request on something that exists).</summary>
    public static ActionResult Ok(string responseJson, string target, string detail) =>
        new(ActionResultKind.Done, 200, null, responseJson, target, detail, new ValidationErrors());

    /// <summary>400: every problem by path; nothing written.</summary>
    public static ActionResult Invalid(ValidationErrors errors, string? target = null) =>
        new(ActionResultKind.Invalid, 400, null, null, target, null, errors);

    /// <summary>403: outside the sender's right; nothing written.</summary>
    public static ActionResult Forbidden(ValidationErrors errors, string? target = null) =>
        new(ActionResultKind.Forbidden, 403, null, null, target, null, errors);

    public static ActionResult Forbidden(string path, string code, params object[] arguments)
    {
        var errors = new ValidationErrors();
        errors.Add(path, code, arguments);
        return Forbidden(errors);
    }

    /// <summary>404: what the request names does not exist.</summary>
    public static ActionResult NotFound(string detail) => new(ActionResultKind.NotFound, 404, null, null, null, detail, new ValidationErrors());

    /// <summary>409: the request is sound but the state it meets does not allow it (a request already decided, a bulletin already published).</summary>
    public static ActionResult Conflict(string detail, string? target = null) => new(ActionResultKind.Conflict, 409, null, null, target, detail, new ValidationErrors());

    internal static ActionResult Replay(int status, string? location, string response) =>
        new(ActionResultKind.Replayed, status, location, response, null, "same Idempotency-Key: first answer replayed", new ValidationErrors());

    internal static ActionResult KeyReused() =>
        new(ActionResultKind.KeyReused, 422, null, null, null, "Idempotency-Key reused with another request", new ValidationErrors());

    public bool IsWritten => Kind == ActionResultKind.Done;
}
