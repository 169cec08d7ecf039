using CleanPrepay.Application.Abstractions.Messaging;
using CleanPrepay.Application.Abstractions.Persistence;
using CleanPrepay.Domain.Common;

namespace CleanPrepay.Application.Settings.GetSettings;

internal sealed class GetSettingsHandler(IApplicationDbContext db, TimeProvider time) : IQueryHandler<GetSettingsQuery, SettingsDto>
{
    public async Task<Result<SettingsDto>> Handle(GetSettingsQuery request, CancellationToken cancellationToken) =>
        SettingsDto.From(await SettingsStore.LoadAsync(db, time, tracked: false, cancellationToken));
}
