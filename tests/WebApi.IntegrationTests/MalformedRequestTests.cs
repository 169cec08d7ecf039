using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CleanPrepay.Infrastructure.Persistence;
using CleanPrepay.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanPrepay.WebApi.IntegrationTests;

/// <summary>Every bad input gets a clear 4xx problem+json with a stable code, never a 5xx, and changes nothing.</summary>
public abstract class MalformedRequestTests(ApiFixture api)
{
    public enum Caller
    {
        Admin,
        Customer,
        None,
        Garbage,
        WrongKey,
        Expired,
        UnknownRole,
    }

    public sealed record Case(string Name, HttpMethod Method, string Path, string? Body, Caller Caller, HttpStatusCode Status, string Code, string ContentType = "application/json", string? IdempotencyKey = null)
    {
        public override string ToString() => Name;
    }

    private const string Pay = "\"payment\":{\"gateway\":\"sandbox\",\"paymentMethod\":\"pm_card_visa\"}";

    /// <summary>{c} stands for a real customer's id.</summary>
    public static TheoryData<Case> Cases => new()
    {
        new("fractional minor units", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":10.5,\"currency\":\"EUR\"}},{Pay}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("amount as a string", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":\"100\",\"currency\":\"EUR\"}},{Pay}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("amount beyond 10^15", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":1000000000000001,\"currency\":\"EUR\"}},{Pay}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("amount beyond a long", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":99999999999999999999999,\"currency\":\"EUR\"}},{Pay}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("amount in exponent form", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":1e3,\"currency\":\"EUR\"}},{Pay}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("negative amount", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":-100,\"currency\":\"EUR\"}},{Pay}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("zero amount", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":0,\"currency\":\"EUR\"}},{Pay}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("lower-case currency", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":100,\"currency\":\"eur\"}},{Pay}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("unknown currency", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":100,\"currency\":\"XYZ\"}},{Pay}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("currency the merchant does not take", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":100,\"currency\":\"PLN\"}},{Pay}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("missing currency", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":100}},{Pay}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("neither package nor amount", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{{Pay}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("both package and amount", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"packageId\":\"pkg_x\",\"amount\":{{\"amount\":100,\"currency\":\"EUR\"}},{Pay}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("no payment", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", "{\"amount\":{\"amount\":100,\"currency\":\"EUR\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("unknown gateway", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", "{\"amount\":{\"amount\":100,\"currency\":\"EUR\"},\"payment\":{\"gateway\":\"bitcoin\",\"paymentMethod\":\"pm_card_visa\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("unknown payment token", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", "{\"amount\":{\"amount\":100,\"currency\":\"EUR\"},\"payment\":{\"gateway\":\"sandbox\",\"paymentMethod\":\"4242424242424242\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("unknown package", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"packageId\":\"pkg_nope\",{Pay}}}", Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("unknown customer", HttpMethod.Post, "/v1/customers/cus_nope/wallet/top-ups", $"{{\"amount\":{{\"amount\":100,\"currency\":\"EUR\"}},{Pay}}}", Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("truncated JSON", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", "{\"amount\":{\"amount\":", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("a JSON array", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", "[]", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("a JSON string", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "\"credit\"", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("empty body", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("text/plain body", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "direction=credit", Caller.Admin, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type", "text/plain"),
        new("form body", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", "amount=100", Caller.Admin, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type", "application/x-www-form-urlencoded"),
        new("unknown direction", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":\"sideways\",\"amount\":{\"amount\":100,\"currency\":\"EUR\"},\"reason\":\"x\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("direction as a number", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":1,\"amount\":{\"amount\":100,\"currency\":\"EUR\"},\"reason\":\"x\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("no reason", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":\"credit\",\"amount\":{\"amount\":100,\"currency\":\"EUR\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("amount and credits", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":\"credit\",\"amount\":{\"amount\":100,\"currency\":\"EUR\"},\"credits\":2,\"reason\":\"x\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("fractional credits", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":\"credit\",\"credits\":1.5,\"reason\":\"x\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("negative credits", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":\"credit\",\"credits\":-3,\"reason\":\"x\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("null everything", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":null,\"amount\":null,\"credits\":null,\"reason\":null}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("debit past the limit", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":\"debit\",\"amount\":{\"amount\":2,\"currency\":\"EUR\"},\"reason\":\"x\"}", Caller.Admin, HttpStatusCode.UnprocessableEntity, "insufficient_balance"),
        new("adjustment by a customer", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":\"credit\",\"amount\":{\"amount\":100,\"currency\":\"EUR\"},\"reason\":\"x\"}", Caller.Customer, HttpStatusCode.Forbidden, "forbidden"),
        new("no token", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":100,\"currency\":\"EUR\"}},{Pay}}}", Caller.None, HttpStatusCode.Unauthorized, "unauthorized"),
        new("garbage token", HttpMethod.Get, "/v1/customers/{c}/wallet", null, Caller.Garbage, HttpStatusCode.Unauthorized, "unauthorized"),
        new("token signed with another key", HttpMethod.Get, "/v1/customers/{c}/wallet", null, Caller.WrongKey, HttpStatusCode.Unauthorized, "unauthorized"),
        new("expired token", HttpMethod.Get, "/v1/customers/{c}/wallet", null, Caller.Expired, HttpStatusCode.Unauthorized, "unauthorized"),
        new("token with an unknown role", HttpMethod.Get, "/v1/customers/{c}/wallet", null, Caller.UnknownRole, HttpStatusCode.Forbidden, "forbidden"),
        new("limit 0", HttpMethod.Get, "/v1/customers/{c}/wallet/transactions?limit=0", null, Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("limit 201", HttpMethod.Get, "/v1/customers/{c}/wallet/transactions?limit=201", null, Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("limit not a number", HttpMethod.Get, "/v1/customers/{c}/wallet/transactions?limit=ten", null, Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("forged cursor", HttpMethod.Get, "/v1/customers/{c}/wallet/transactions?cursor=%%%", null, Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("invalid email", HttpMethod.Post, "/v1/customers", "{\"email\":\"not-an-email\",\"name\":\"X\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("customer without a name", HttpMethod.Post, "/v1/customers", "{\"email\":\"nameless@example.test\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("unknown country", HttpMethod.Patch, "/v1/customers/{c}", "{\"country\":\"XX\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("unknown status filter", HttpMethod.Get, "/v1/customers?status=deleted", null, Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("newsletter filter not a boolean", HttpMethod.Get, "/v1/customers?newsletter=maybe", null, Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("package granting both", HttpMethod.Post, "/v1/prepayment-packages", "{\"name\":\"x\",\"price\":{\"amount\":100,\"currency\":\"EUR\"},\"grants\":{\"amount\":{\"amount\":100,\"currency\":\"EUR\"},\"credits\":3}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("package without a price", HttpMethod.Post, "/v1/prepayment-packages", "{\"name\":\"x\",\"grants\":{\"credits\":3}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("negative limit in settings", HttpMethod.Put, "/v1/settings", "{\"negativeBalanceLimits\":[{\"amount\":-5,\"currency\":\"EUR\"}]}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("no currencies in settings", HttpMethod.Put, "/v1/settings", "{\"currencies\":[]}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("unknown route", HttpMethod.Get, "/v1/wallets", null, Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("wrong method", HttpMethod.Delete, "/v1/customers/{c}/wallet", null, Caller.Admin, HttpStatusCode.MethodNotAllowed, "method_not_allowed"),
        new("unknown payment", HttpMethod.Post, "/v1/payments/pay_nope/confirm", null, Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("Idempotency-Key too long", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":\"credit\",\"amount\":{\"amount\":100,\"currency\":\"EUR\"},\"reason\":\"x\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed", IdempotencyKey: new string('k', 300)),
        new("deeply nested JSON", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", new string('[', 5000) + new string(']', 5000), Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("order without items", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("order items not a list", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":{\"videoId\":\"{v}\"},\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("order item null", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[null],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("order item with video and plan", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"rent\",\"planId\":\"pln_x\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("video without a mode", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"videoId\":\"{v}\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("unknown mode", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"borrow\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("mode on a plan", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"planId\":\"pln_x\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("order without payment", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"rent\"}]}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("unknown payment method", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"cash\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("gateway without a token", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"gateway\",\"gateway\":\"sandbox\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("gateway unknown", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"gateway\",\"gateway\":\"stripe\",\"paymentMethod\":\"pm_card_visa\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("order without customer", HttpMethod.Post, "/v1/orders", "{\"items\":[{\"videoId\":\"{v}\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("order for an unknown customer", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"cus_nope\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("order for another customer", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"cus_someone_else\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.Customer, HttpStatusCode.NotFound, "not_found"),
        new("unknown video", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"videoId\":\"vid_nope\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("unknown plan", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"planId\":\"pln_nope\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("unknown package", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"packageId\":\"pkg_nope\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("wallet cannot cover it", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"buy\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.UnprocessableEntity, "insufficient_balance"),
        new("credits cannot cover it", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"credits\"}}", Caller.Admin, HttpStatusCode.UnprocessableEntity, "insufficient_balance"),
        new("no credit price", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"buy\"}],\"payment\":{\"method\":\"credits\"}}", Caller.Admin, HttpStatusCode.UnprocessableEntity, "credits_not_accepted"),
        new("no price in that currency", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"currency\":\"SEK\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.UnprocessableEntity, "price_unavailable"),
        new("bad order currency", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"currency\":\"eur\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("unknown coupon", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"couponCode\":\"NOPE\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.UnprocessableEntity, "coupon_invalid"),
        new("fifty-one items", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[" + string.Join(',', Enumerable.Repeat("{\"videoId\":\"{v}\",\"mode\":\"rent\"}", 51)) + "],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("order as a form", HttpMethod.Post, "/v1/orders", "customerId=x", Caller.Admin, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type", "application/x-www-form-urlencoded"),
        new("order with no token", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"wallet\"}}", Caller.None, HttpStatusCode.Unauthorized, "unauthorized"),
        new("unknown order", HttpMethod.Get, "/v1/orders/ord_nope", null, Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("order status filter unknown", HttpMethod.Get, "/v1/orders?status=shipped", null, Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("refund of an unknown payment", HttpMethod.Post, "/v1/payments/pay_nope/refunds", "{}", Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("refund with a negative amount", HttpMethod.Post, "/v1/payments/pay_nope/refunds", "{\"amount\":{\"amount\":-1,\"currency\":\"EUR\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("refund with a bare number amount", HttpMethod.Post, "/v1/payments/pay_nope/refunds", "{\"amount\":299}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("refund amount without a currency", HttpMethod.Post, "/v1/payments/pay_nope/refunds", "{\"amount\":{\"amount\":299}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("refund amount in no currency", HttpMethod.Post, "/v1/payments/pay_nope/refunds", "{\"amount\":{\"amount\":299,\"currency\":\"eur\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("manual access without a reason", HttpMethod.Post, "/v1/customers/{c}/accesses", "{\"videoId\":\"{v}\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("manual access by a customer", HttpMethod.Post, "/v1/customers/{c}/accesses", "{\"videoId\":\"{v}\",\"reason\":\"me\"}", Caller.Customer, HttpStatusCode.Forbidden, "forbidden"),
        new("video without an offer", HttpMethod.Post, "/v1/videos", "{\"title\":\"x\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("rental without hours", HttpMethod.Post, "/v1/videos", "{\"title\":\"x\",\"rent\":{\"price\":{\"amount\":100,\"currency\":\"EUR\"}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("plan without interval", HttpMethod.Post, "/v1/plans", "{\"name\":\"x\",\"price\":{\"amount\":100,\"currency\":\"EUR\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("bonus granting both", HttpMethod.Post, "/v1/bonus-rules", "{\"trigger\":\"subscription_purchased\",\"grantCredits\":1,\"grantAmount\":{\"amount\":1,\"currency\":\"EUR\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("tax rate above 100 %", HttpMethod.Put, "/v1/settings", "{\"taxRates\":[{\"country\":\"SE\",\"rateBps\":10001}]}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("campaign percentOff 0", HttpMethod.Post, "/v1/coupon-campaigns", "{\"name\":\"x\",\"percentOff\":0,\"duration\":\"once\",\"appliesTo\":\"order\",\"code\":\"ZERO1\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("campaign percentOff above 100 %", HttpMethod.Post, "/v1/coupon-campaigns", "{\"name\":\"x\",\"percentOff\":10001,\"duration\":\"once\",\"appliesTo\":\"order\",\"code\":\"ABOVE1\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("campaign with two discounts", HttpMethod.Post, "/v1/coupon-campaigns", "{\"name\":\"x\",\"percentOff\":100,\"amountOff\":{\"amount\":100,\"currency\":\"EUR\"},\"duration\":\"once\",\"appliesTo\":\"order\",\"code\":\"TWO1\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("campaign with no discount", HttpMethod.Post, "/v1/coupon-campaigns", "{\"name\":\"x\",\"duration\":\"once\",\"appliesTo\":\"order\",\"code\":\"NONE1\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("campaign with code and bulk", HttpMethod.Post, "/v1/coupon-campaigns", "{\"name\":\"x\",\"percentOff\":100,\"duration\":\"once\",\"appliesTo\":\"order\",\"code\":\"BOTH1\",\"bulk\":{\"count\":5}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("campaign with neither code nor bulk", HttpMethod.Post, "/v1/coupon-campaigns", "{\"name\":\"x\",\"percentOff\":100,\"duration\":\"once\",\"appliesTo\":\"order\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("bulk of 100,001 codes", HttpMethod.Post, "/v1/coupon-campaigns", "{\"name\":\"x\",\"percentOff\":100,\"duration\":\"once\",\"appliesTo\":\"order\",\"bulk\":{\"count\":100001}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("repeating without months", HttpMethod.Post, "/v1/coupon-campaigns", "{\"name\":\"x\",\"percentOff\":100,\"duration\":\"repeating\",\"appliesTo\":\"subscription\",\"code\":\"REP1\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("free trial on an order", HttpMethod.Post, "/v1/coupon-campaigns", "{\"name\":\"x\",\"freeTrialDays\":30,\"duration\":\"once\",\"appliesTo\":\"order\",\"code\":\"TRIAL1\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("code with spaces and symbols", HttpMethod.Post, "/v1/coupon-campaigns", "{\"name\":\"x\",\"percentOff\":100,\"duration\":\"once\",\"appliesTo\":\"order\",\"code\":\"no way!\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("redeem-by in the past", HttpMethod.Post, "/v1/coupon-campaigns", "{\"name\":\"x\",\"percentOff\":100,\"duration\":\"once\",\"appliesTo\":\"order\",\"code\":\"PAST1\",\"redeemBy\":\"2001-01-01T00:00:00Z\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("campaign for an unknown plan", HttpMethod.Post, "/v1/coupon-campaigns", "{\"name\":\"x\",\"percentOff\":100,\"duration\":\"once\",\"appliesTo\":\"subscription\",\"planIds\":[\"pln_nope\"],\"code\":\"PLAN1\"}", Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("campaign by a customer", HttpMethod.Post, "/v1/coupon-campaigns", "{\"name\":\"x\",\"percentOff\":100,\"duration\":\"once\",\"appliesTo\":\"order\",\"code\":\"MINE1\"}", Caller.Customer, HttpStatusCode.Forbidden, "forbidden"),
        new("unknown campaign", HttpMethod.Get, "/v1/coupon-campaigns/cpn_nope", null, Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("campaign page of zero", HttpMethod.Get, "/v1/coupon-campaigns?limit=0", null, Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("customer coupons with a forged cursor", HttpMethod.Get, "/v1/customers/{c}/coupons?cursor=%25%25", null, Caller.Customer, HttpStatusCode.BadRequest, "validation_failed"),
        new("campaign status filter unknown", HttpMethod.Get, "/v1/coupon-campaigns?status=dormant", null, Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("codes for an unknown campaign", HttpMethod.Post, "/v1/coupon-campaigns/cpn_nope/codes", "{\"count\":5}", Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("zero codes", HttpMethod.Post, "/v1/coupon-campaigns/cpn_nope/codes", "{\"count\":0}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("apply without a code", HttpMethod.Post, "/v1/coupons/apply", "{\"customerId\":\"{c}\"}", Caller.Customer, HttpStatusCode.BadRequest, "validation_failed"),
        new("apply an unknown code", HttpMethod.Post, "/v1/coupons/apply", "{\"code\":\"NOPE-NOPE\",\"customerId\":\"{c}\"}", Caller.Customer, HttpStatusCode.UnprocessableEntity, "coupon_invalid"),
        new("apply for another customer", HttpMethod.Post, "/v1/coupons/apply", "{\"code\":\"NOPE\",\"customerId\":\"cus_someone_else\"}", Caller.Customer, HttpStatusCode.NotFound, "not_found"),
        new("apply to an unknown order", HttpMethod.Post, "/v1/coupons/apply", "{\"code\":\"NOPE\",\"customerId\":\"{c}\",\"orderId\":\"ord_nope\"}", Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("quote without a plan", HttpMethod.Post, "/v1/subscriptions/quote", "{\"customerId\":\"{c}\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("quote with an impossible date", HttpMethod.Post, "/v1/subscriptions/quote", "{\"customerId\":\"{c}\",\"planId\":\"pln_x\",\"startDate\":\"2027-02-30\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("quote with a number for a date", HttpMethod.Post, "/v1/subscriptions/quote", "{\"customerId\":\"{c}\",\"planId\":\"pln_x\",\"startDate\":20270220}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("quote in a lower-case currency", HttpMethod.Post, "/v1/subscriptions/quote", "{\"customerId\":\"{c}\",\"planId\":\"pln_x\",\"currency\":\"eur\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("quote for another customer", HttpMethod.Post, "/v1/subscriptions/quote", "{\"customerId\":\"cus_someone_else\",\"planId\":\"pln_x\"}", Caller.Customer, HttpStatusCode.NotFound, "not_found"),
        new("subscribe paying with credits", HttpMethod.Post, "/v1/subscriptions", "{\"customerId\":\"{c}\",\"planId\":\"pln_x\",\"payment\":{\"method\":\"credits\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("subscribe with an unknown risk outcome", HttpMethod.Post, "/v1/subscriptions", "{\"customerId\":\"{c}\",\"planId\":\"pln_x\",\"riskCheck\":{\"outcome\":\"maybe\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("subscribe with an empty risk check", HttpMethod.Post, "/v1/subscriptions", "{\"customerId\":\"{c}\",\"planId\":\"pln_x\",\"riskCheck\":{}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("subscribe through an unknown gateway", HttpMethod.Post, "/v1/subscriptions", "{\"customerId\":\"{c}\",\"planId\":\"pln_x\",\"payment\":{\"method\":\"gateway\",\"gateway\":\"bitcoin\",\"paymentMethod\":\"pm_card_visa\"}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("subscribe to an unknown plan", HttpMethod.Post, "/v1/subscriptions", "{\"customerId\":\"{c}\",\"planId\":\"pln_nope\"}", Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("subscribe from the past", HttpMethod.Post, "/v1/subscriptions", "{\"customerId\":\"{c}\",\"planId\":\"pln_nope\",\"startDate\":\"2000-01-01\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("subscribe another customer", HttpMethod.Post, "/v1/subscriptions", "{\"customerId\":\"cus_someone_else\",\"planId\":\"pln_x\"}", Caller.Customer, HttpStatusCode.NotFound, "not_found"),
        new("cancel an unknown subscription", HttpMethod.Post, "/v1/subscriptions/sub_nope/cancel", "{}", Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("cancel with a string flag", HttpMethod.Post, "/v1/subscriptions/sub_nope/cancel", "{\"atPeriodEnd\":\"no\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("pay an unknown prepayment", HttpMethod.Post, "/v1/prepayments/ppm_nope/pay", "{\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.NotFound, "not_found"),
        new("pay a prepayment without a payment", HttpMethod.Post, "/v1/prepayments/ppm_nope/pay", "{}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("prepayments with an unknown status", HttpMethod.Get, "/v1/prepayments?status=owed", null, Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("prepayments with a limit of 0", HttpMethod.Get, "/v1/prepayments?status=pending&limit=0", null, Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("prepayments with a range backwards", HttpMethod.Get, "/v1/prepayments?createdFrom=2026-11-20T00:00:00Z&createdTo=2026-11-19T00:00:00Z", null, Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("prepayments of another customer", HttpMethod.Get, "/v1/prepayments?customerId=cus_someone_else", null, Caller.Customer, HttpStatusCode.NotFound, "not_found"),
        new("prepayments without a token", HttpMethod.Get, "/v1/prepayments?status=pending", null, Caller.None, HttpStatusCode.Unauthorized, "unauthorized"),
        new("apply to order and subscription", HttpMethod.Post, "/v1/coupons/apply", "{\"code\":\"NOPE\",\"customerId\":\"{c}\",\"orderId\":\"ord_x\",\"subscriptionId\":\"sub_x\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("webhook for an unknown gateway", HttpMethod.Post, "/v1/webhooks/acme", "{}", Caller.None, HttpStatusCode.NotFound, "not_found"),
        new("webhook for a provider not configured here", HttpMethod.Post, "/v1/webhooks/stripe", "{\"id\":\"evt_1\",\"object\":\"event\"}", Caller.None, HttpStatusCode.NotFound, "not_found"),
        new("webhook to the sandbox", HttpMethod.Post, "/v1/webhooks/sandbox", "{\"id\":\"evt_1\"}", Caller.None, HttpStatusCode.BadRequest, "webhook_unverified"),
        new("webhook with an empty body", HttpMethod.Post, "/v1/webhooks/sandbox", "", Caller.Admin, HttpStatusCode.BadRequest, "webhook_unverified"),
        new("top-up to a gateway not configured here", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", "{\"amount\":{\"amount\":100,\"currency\":\"EUR\"},\"payment\":{\"gateway\":\"paypal\"}}", Caller.Customer, HttpStatusCode.BadRequest, "validation_failed"),
        new("top-up with a relative return URL", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", "{\"amount\":{\"amount\":100,\"currency\":\"EUR\"},\"payment\":{\"gateway\":\"sandbox\",\"paymentMethod\":\"pm_card_visa\",\"returnUrl\":\"/paid\"}}", Caller.Customer, HttpStatusCode.BadRequest, "validation_failed"),
        new("order with a javascript: return URL", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[{\"videoId\":\"{v}\",\"mode\":\"rent\"}],\"payment\":{\"method\":\"gateway\",\"gateway\":\"sandbox\",\"paymentMethod\":\"pm_card_visa\",\"returnUrl\":\"javascript:alert(1)\"}}", Caller.Customer, HttpStatusCode.BadRequest, "validation_failed"),
        new("a repeated property under an idempotency key", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":100,\"currency\":\"EUR\"}},\"amount\":{{\"amount\":900000,\"currency\":\"EUR\"}},{Pay}}}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed", IdempotencyKey: "dup-props-1"),
        new("a repeated property", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":\"credit\",\"direction\":\"debit\",\"amount\":{\"amount\":100,\"currency\":\"EUR\"},\"reason\":\"x\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("a repeated nested property", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":\"credit\",\"amount\":{\"amount\":1,\"amount\":100000,\"currency\":\"EUR\"},\"reason\":\"x\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("a body over 64 KB", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":\"credit\",\"amount\":{\"amount\":100,\"currency\":\"EUR\"},\"reason\":\"" + new string('x', 70_000) + "\"}", Caller.Admin, HttpStatusCode.RequestEntityTooLarge, "payload_too_large"),
        new("a body over 64 KB under an idempotency key", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":100,\"currency\":\"EUR\"}},{Pay},\"pad\":\"" + new string(' ', 70_000) + "\"}", Caller.Admin, HttpStatusCode.RequestEntityTooLarge, "payload_too_large", IdempotencyKey: "big-1"),
        new("a 2 MB order", HttpMethod.Post, "/v1/orders", "{\"customerId\":\"{c}\",\"items\":[" + string.Join(',', Enumerable.Repeat("{\"videoId\":\"{v}\",\"mode\":\"rent\"}", 60_000)) + "],\"payment\":{\"method\":\"wallet\"}}", Caller.Admin, HttpStatusCode.RequestEntityTooLarge, "payload_too_large"),
        new("a 100 KB webhook, within the webhook route's own limit", HttpMethod.Post, "/v1/webhooks/sandbox", "{\"pad\":\"" + new string('x', 100_000) + "\"}", Caller.None, HttpStatusCode.BadRequest, "webhook_unverified"),
        new("a webhook over its 256 KB", HttpMethod.Post, "/v1/webhooks/sandbox", "{\"pad\":\"" + new string('x', 300_000) + "\"}", Caller.None, HttpStatusCode.RequestEntityTooLarge, "payload_too_large"),
        new("a credit that would take the pocket past 10^15", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":\"credit\",\"amount\":{\"amount\":1000000000000000,\"currency\":\"EUR\"},\"reason\":\"x\"}", Caller.Admin, HttpStatusCode.UnprocessableEntity, "amount_out_of_range"),
        new("a top-up that would take the pocket past 10^15", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", $"{{\"amount\":{{\"amount\":1000000000000000,\"currency\":\"EUR\"}},{Pay}}}", Caller.Admin, HttpStatusCode.UnprocessableEntity, "amount_out_of_range"),
        new("top-up with a card number for a token", HttpMethod.Post, "/v1/customers/{c}/wallet/top-ups", "{\"amount\":{\"amount\":100,\"currency\":\"EUR\"},\"payment\":{\"paymentMethod\":\"4242424242424242\"}}", Caller.Customer, HttpStatusCode.BadRequest, "validation_failed"),
        // PostgreSQL stores no U+0000: refused at the edge, never a 500 from the database (Kestrel itself refuses %00 in a path).
        new("a NUL in a customer's name", HttpMethod.Post, "/v1/customers", "{\"email\":\"nul@example.test\",\"name\":\"a\\u0000b\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("a NUL in an adjustment's reason", HttpMethod.Post, "/v1/customers/{c}/wallet/adjustments", "{\"direction\":\"credit\",\"amount\":{\"amount\":1,\"currency\":\"EUR\"},\"reason\":\"\\u0000\"}", Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
        new("a NUL in a query value", HttpMethod.Get, "/v1/customers?cursor=%00", null, Caller.Admin, HttpStatusCode.BadRequest, "validation_failed"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Answers_a_4xx_problem_and_changes_nothing(Case @case)
    {
        var admin = api.Admin();
        var customer = await admin.CreateCustomerAsync();

        await admin.AdjustAsync(customer, "credit", 1);
        var before = await SnapshotAsync();
        string Fill(string text) => text.Replace("{c}", customer, StringComparison.Ordinal).Replace("{v}", _video.Value.Result, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(@case.Method, Fill(@case.Path));
        if (@case.Body is not null)
        {
            request.Content = new StringContent(Fill(@case.Body), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(@case.ContentType);
        }

        if (@case.IdempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", @case.IdempotencyKey);
        }

        var token = TokenFor(@case.Caller, customer);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await ApiClientExtensions.ReadAsync(await api.CreateClient().SendAsync(request));

        Assert.Equal(@case.Status, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(@case.Code, response.Code);
        Assert.Equal((int)@case.Status, response.Json["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(response.Json["traceId"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(response.Json["detail"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(response.Json["title"]?.GetValue<string>()));
        if (@case.Code == "validation_failed" && @case.Body is not null && @case.Status == HttpStatusCode.BadRequest)
        {
            Assert.NotEmpty(response.Json["errors"]!.AsObject());
        }

        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(1, await admin.BalanceAsync(customer, "EUR"));
    }

    [Theory]
    [InlineData(70_000, HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(2_000_000, HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(0, HttpStatusCode.Created)]
    public async Task A_chunked_body_is_held_to_the_same_limit(int padding, HttpStatusCode expected)
    {
        var admin = api.Admin();
        var customer = await admin.CreateCustomerAsync();
        var json = "{\"direction\":\"credit\",\"amount\":{\"amount\":100,\"currency\":\"EUR\"},\"reason\":\"x" + new string('x', padding) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/customers/{customer}/wallet/adjustments")
        {
            Content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(json))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await ApiClientExtensions.ReadAsync(await admin.SendAsync(request));

        Assert.Equal(expected, response.Status);
        Assert.Equal(expected == HttpStatusCode.Created ? 100 : 0, await admin.BalanceAsync(customer, "EUR"));
        if (expected != HttpStatusCode.Created)
        {
            Assert.Equal("payload_too_large", response.Code);
        }
    }

    /// <summary>A body whose length HttpClient cannot know, so it goes chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public void There_are_at_least_thirty_cases_and_twenty_about_orders()
    {
        Assert.True(Cases.Count >= 30);
        Assert.True(((IEnumerable<object[]>)Cases).Select(row => (Case)row[0]).Count(c => c.Path.StartsWith("/v1/orders", StringComparison.Ordinal)) >= 20);
    }

    private readonly Lazy<Task<string>> _video = new(() => api.Admin().CreateVideoAsync(rent: 500, buy: 900, rentCredits: 3, buyCredits: null));

    private string? TokenFor(Caller caller, string customer)
    {
        var issuer = api.Services.GetService(typeof(Auth.TokenIssuer)) as Auth.TokenIssuer;
        return caller switch
        {
            Caller.Admin => issuer!.Issue("admin", "ops@platform.test"),
            Caller.Customer => issuer!.Issue("customer", customer),
            Caller.Garbage => "not.a.jwt",
            Caller.WrongKey => Sign("admin", "an-entirely-different-signing-key-0123456789abcdef", DateTime.UtcNow.AddHours(1)),
            Caller.Expired => Sign("admin", ApiFixture.SigningKey, DateTime.UtcNow.AddHours(-1)),
            Caller.UnknownRole => Sign("superuser", ApiFixture.SigningKey, DateTime.UtcNow.AddHours(1)),
            _ => null,
        };
    }

    private static string Sign(string role, string key, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "cleanprepay",
        Audience = "cleanprepay-api",
        NotBefore = expires.AddHours(-2),
        IssuedAt = expires.AddHours(-2),
        Expires = expires,
        Claims = new Dictionary<string, object> { ["sub"] = "someone", ["role"] = role },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });

    /// <summary>Row counts of everything a request could have written.</summary>
    private Task<string> SnapshotAsync() => api.WithDbAsync(async (CleanPrepayDbContext db) =>
        string.Join(
            ',',
            await db.Customers.CountAsync(),
            await db.LedgerEntries.CountAsync(),
            await db.WalletPockets.SumAsync(p => p.Balance),
            await db.Payments.CountAsync(),
            await db.TopUps.CountAsync(),
            await db.PrepaymentPackages.CountAsync(),
            await db.Orders.CountAsync(),
            await db.Accesses.CountAsync(),
            await db.Refunds.CountAsync(),
            await db.CouponCampaigns.CountAsync(),
            await db.CouponCodes.CountAsync(),
            await db.CouponRedemptions.CountAsync(),
            await db.Subscriptions.CountAsync(),
            await db.Prepayments.CountAsync(),
            await db.GatewayWebhookEvents.CountAsync(),
            (await db.Settings.AsNoTracking().SingleAsync()).Version));
}

[Collection("sqlite")]
public sealed class SqliteMalformedRequestTests(SqliteApiFixture api) : MalformedRequestTests(api);

[Collection("postgres")]
public sealed class PostgresMalformedRequestTests(PostgresApiFixture api) : MalformedRequestTests(api);
