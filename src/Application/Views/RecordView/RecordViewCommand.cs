using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Views.RecordView;

/// <summary>The player reports seconds of a video watched; only a customer entitled to the video right now may record them.</summary>
public sealed record RecordViewCommand(string CustomerId, string? VideoId, int? Seconds) : ICommand<ViewDto>, ICustomerScoped;
