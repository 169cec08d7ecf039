using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Application.Coupons;
using CleanPrepay.Application.Coupons.ApplyCouponToAccount;
using CleanPrepay.Application.Coupons.ApplyCouponToOrder;
using CleanPrepay.Application.Coupons.ApplyCouponToSubscription;
using CleanPrepay.Application.Coupons.CreateCouponCampaign;
using CleanPrepay.Application.Coupons.GenerateCouponCodes;
using CleanPrepay.Application.Coupons.GetCouponCampaign;
using CleanPrepay.Application.Coupons.ListCouponCampaigns;
using CleanPrepay.Application.Coupons.ListCouponCodes;
using CleanPrepay.Application.Coupons.ListCustomerCoupons;
using CleanPrepay.Application.Coupons.SetCouponCampaignExpiry;
using CleanPrepay.Application.Coupons.UpdateCouponCampaign;
using CleanPrepay.Domain.Common;
using CleanPrepay.WebApi.Auth;
using CleanPrepay.WebApi.Idempotency;
using CleanPrepay.WebApi.Infrastructure;
using CleanPrepay.WebApi.OpenApi;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanPrepay.WebApi.Endpoints;

/// <summary>Coupon campaigns and their codes (staff), ApplyCoupon, and a customer's redeemed coupons.</summary>
internal static class CouponEndpoints
{
    public sealed record UpdateCampaignBody(string? Name, int? MaxRedemptions, DateTimeOffset? RedeemBy);

    public sealed record GenerateCodesBody(int? Count, string? Prefix);

    /// <summary>
    /// One route, three use cases: an orderId, a subscriptionId or neither picks the command. Documented as
    /// ApplyCouponCommand, the name the published contract and client already use (ADR 0034).
    /// </summary>
    public sealed record ApplyCouponBody(string? Code, string? CustomerId, string? OrderId, string? SubscriptionId);

    // The answer the single ApplyCoupon validator gave to a body naming both targets, kept word for word.
    private static readonly Error BothTargets = new("validation_failed", "One or more fields are invalid.", ErrorKind.Validation)
    {
        Fields = new Dictionary<string, string[]> { ["subscriptionId"] = ["Give an orderId or a subscriptionId, not both."] },
    };

    public static void MapCouponEndpoints(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/v1/coupon-campaigns").WithTags("Coupons").RequireAuthorization(Roles.AdminPolicy).WithStandardProblems();
        campaigns.MapPost("/", async Task<Results<Created<CouponCampaignDto>, ProblemHttpResult>> (CreateCouponCampaignCommand body, IMediator m, CancellationToken ct) =>
                (await m.Send(body, ct)).ToCreated(c => $"/v1/coupon-campaigns/{c.Id}"))
            .WithMetadata(new IdempotentAttribute()).WithName("createCouponCampaign").ProducesValidationProblem()
            .WithSummary("A campaign: percentOff (basis points), amountOff (+ amountsOff in other currencies) or freeTrialDays; a single code or bulk unique codes.");
        campaigns.MapGet("/", async Task<Results<Ok<Page<CouponCampaignDto>>, ProblemHttpResult>> (string? status, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
            {
                CampaignStatus? parsed = null;
                if (status is not null)
                {
                    if (!Enum.TryParse<CampaignStatus>(status, ignoreCase: true, out var s) || int.TryParse(status, out _))
                    {
                        return Problems.From(Error.Validation("status", "The status is 'active' or 'expired'."));
                    }

                    parsed = s;
                }

                return (await m.Send(new ListCouponCampaignsQuery(parsed, limit, cursor), ct)).ToOk();
            })
            .WithName("listCouponCampaigns").WithSummary("Campaigns, newest first.");
        campaigns.MapGet("/{campaignId}", async Task<Results<Ok<CouponCampaignDto>, ProblemHttpResult>> (string campaignId, IMediator m, CancellationToken ct) =>
                (await m.Send(new GetCouponCampaignQuery(campaignId), ct)).ToOk())
            .WithName("getCouponCampaign").WithSummary("The campaign with its report: redemptions and discount granted per currency.");
        campaigns.MapPatch("/{campaignId}", async Task<Results<Ok<CouponCampaignDto>, ProblemHttpResult>> (string campaignId, UpdateCampaignBody body, IMediator m, CancellationToken ct) =>
                (await m.Send(new UpdateCouponCampaignCommand(campaignId, body.Name, body.MaxRedemptions, body.RedeemBy), ct)).ToOk())
            .WithName("updateCouponCampaign").ProducesValidationProblem().WithSummary("Edit the name, the redemption cap or the redeem-by instant.");
        campaigns.MapPost("/{campaignId}/expire", async Task<Results<Ok<CouponCampaignDto>, ProblemHttpResult>> (string campaignId, IMediator m, CancellationToken ct) =>
                (await m.Send(new SetCouponCampaignExpiryCommand(campaignId, Expire: true), ct)).ToOk())
            .WithName("expireCouponCampaign").WithSummary("Its codes are refused until the campaign is restored.");
        campaigns.MapPost("/{campaignId}/restore", async Task<Results<Ok<CouponCampaignDto>, ProblemHttpResult>> (string campaignId, IMediator m, CancellationToken ct) =>
                (await m.Send(new SetCouponCampaignExpiryCommand(campaignId, Expire: false), ct)).ToOk())
            .WithName("restoreCouponCampaign");
        campaigns.MapPost("/{campaignId}/codes", async Task<Results<Created<GeneratedCodesDto>, ProblemHttpResult>> (string campaignId, GenerateCodesBody body, IMediator m, CancellationToken ct) =>
                (await m.Send(new GenerateCouponCodesCommand(campaignId, body.Count, body.Prefix), ct)).ToCreated(_ => $"/v1/coupon-campaigns/{campaignId}/codes"))
            .WithMetadata(new IdempotentAttribute()).WithName("generateCouponCodes").ProducesValidationProblem()
            .WithSummary("Up to 100,000 more unique codes for a bulk campaign, answered in full.");
        campaigns.MapGet("/{campaignId}/codes", async Task<Results<Ok<Page<CouponCodeDto>>, ProblemHttpResult>> (string campaignId, bool? redeemed, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListCouponCodesQuery(campaignId, redeemed, limit, cursor), ct)).ToOk())
            .WithName("listCouponCodes").WithSummary("The campaign's codes, by code, with who redeemed each bulk code and when.");

        var coupons = app.MapGroup("/v1/coupons").WithTags("Coupons").RequireAuthorization().WithStandardProblems();
        coupons.MapPost("/apply", async Task<Results<Ok<AppliedCouponDto>, ProblemHttpResult>> (ApplyCouponBody body, IMediator m, CancellationToken ct) =>
                body switch
                {
                    { OrderId: not null, SubscriptionId: not null } => Problems.From(BothTargets),
                    { OrderId: { } orderId } => (await m.Send(new ApplyCouponToOrderCommand(body.Code, body.CustomerId, orderId), ct)).ToOk(),
                    { SubscriptionId: { } subscriptionId } => (await m.Send(new ApplyCouponToSubscriptionCommand(body.Code, body.CustomerId, subscriptionId), ct)).ToOk(),
                    _ => (await m.Send(new ApplyCouponToAccountCommand(body.Code, body.CustomerId), ct)).ToOk(),
                })
            .WithMetadata(new IdempotentAttribute()).WithName("applyCoupon").ProducesValidationProblem()
            .WithSummary("ApplyCoupon: to an unpaid order (totals and tax recomputed) or, without one, to the account for the next eligible order. Refusals are 422 coupon_invalid.");

        app.MapGroup("/v1/customers").WithTags("Customers").RequireAuthorization().WithStandardProblems()
            .MapGet("/{customerId}/coupons", async Task<Results<Ok<Page<CouponRedemptionDto>>, ProblemHttpResult>> (string customerId, int? limit, string? cursor, IMediator m, CancellationToken ct) =>
                (await m.Send(new ListCustomerCouponsQuery(customerId, limit, cursor), ct)).ToOk())
            .WithName("listCustomerCoupons").WithSummary("The coupons the customer redeemed (the account's cart rules), newest first.");
    }
}
