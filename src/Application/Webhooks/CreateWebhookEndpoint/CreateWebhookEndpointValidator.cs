using CleanPrepay.Domain.Webhooks;
using FluentValidation;

namespace CleanPrepay.Application.Webhooks.CreateWebhookEndpoint;

internal sealed class CreateWebhookEndpointValidator : AbstractValidator<CreateWebhookEndpointCommand>
{
    public CreateWebhookEndpointValidator()
    {
        RuleFor(c => c.Url).WebhookUrl();
        RuleFor(c => c.Events).WebhookEvents();
        RuleFor(c => c.Description).MaximumLength(WebhookEndpoint.MaxDescriptionLength);
    }
}
