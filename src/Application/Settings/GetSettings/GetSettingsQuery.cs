using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Settings.GetSettings;

public sealed record GetSettingsQuery : IQuery<SettingsDto>;
