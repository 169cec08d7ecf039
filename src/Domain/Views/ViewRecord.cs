using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Views;

/// <summary>Seconds of one video watched by one customer, recorded by the player.</summary>
public sealed class ViewRecord
{
    private ViewRecord()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string CustomerId { get; private set; } = string.Empty;

    public string VideoId { get; private set; } = string.Empty;

    public int Seconds { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public static ViewRecord Record(string customerId, string videoId, int seconds, DateTimeOffset now) => new()
    {
        Id = Ids.New("viw"),
        CustomerId = customerId,
        VideoId = videoId,
        Seconds = seconds,
        RecordedAt = now,
    };
}
