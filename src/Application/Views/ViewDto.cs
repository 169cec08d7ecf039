namespace CleanPrepay.Application.Views;

public sealed record ViewDto(string Id, string VideoId, int Seconds, DateTimeOffset RecordedAt);
