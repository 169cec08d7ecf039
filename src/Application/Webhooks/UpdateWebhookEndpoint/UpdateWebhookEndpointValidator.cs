using CleanPrepay.Domain.Webhooks;
using FluentValidation;

namespace CleanPrepay.Application.Webhooks.UpdateWebhookEndpoint;

internal sealed class UpdateWebhookEndpointValidator : AbstractValidator<UpdateWebhookEndpointCommand>
{
    public UpdateWebhookEndpointValidator()
    {
        RuleFor(c => c.Url).WebhookUrl().When(c => c.Url is not null);
        RuleFor(c => c.Events).WebhookEvents().When(c => c.Events is not null);
        RuleFor(c => c.Description).MaximumLength(WebhookEndpoint.MaxDescriptionLength);
    }
}
