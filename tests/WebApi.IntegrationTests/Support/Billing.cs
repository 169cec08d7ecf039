using CleanPrepay.Application.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace CleanPrepay.WebApi.IntegrationTests.Support;

/// <summary>Drives the renewal worker and the test clock by hand (the fixtures turn the worker off).</summary>
public static class Billing
{
    /// <summary>Billing passes until one finds nothing to do (at most 50).</summary>
    public static async Task RunBillingAsync(this ApiFixture api)
    {
        for (var i = 0; i < 50; i++)
        {
            await using var scope = api.Services.CreateAsyncScope();
            if ((await scope.ServiceProvider.GetRequiredService<ISubscriptionBilling>().RunOnceAsync(CancellationToken.None)).Total == 0)
            {
                return;
            }
        }
    }

    /// <summary>Moves the clock to one minute past midnight (UTC) of <paramref name="day"/>; never backwards.</summary>
    public static void AdvanceTo(this ApiFixture api, DateOnly day)
    {
        var target = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(1);
        var now = api.Clock.GetUtcNow();
        if (target > now)
        {
            api.Clock.Advance(target - now);
        }
    }
}
