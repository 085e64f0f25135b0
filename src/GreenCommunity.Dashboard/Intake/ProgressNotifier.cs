using GreenCommunity.Dashboard.Subscriptions;
namespace GreenCommunity.Dashboard.Intake;

/// <summary>
/// The one in-process channel for "a report has been committed". Subscribers (the shared live view, the hub
/// broadcaster) are called off the publisher's path; a failing subscriber never fails the intake.
/// </summary>
public sealed class ProgressNotifier(ILogger<ProgressNotifier> logger)
{
    private readonly LiveSubscribers<ReportNotice> _subscribers = new(logger);

    public int SubscriberCount => _subscribers.Count;

    /// <summary>Calls back for every committed report until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(Func<ReportNotice, Task> callback) => _subscribers.Add(callback);

    public void Publish(ReportNotice notice) => _subscribers.Publish(notice);
}
