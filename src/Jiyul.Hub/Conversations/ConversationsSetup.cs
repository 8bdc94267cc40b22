using Jiyul.Hub.Limits;
using Microsoft.Extensions.Options;

namespace Jiyul.Hub.Conversations;

/// <summary>Conversations: their API, the replies produced in the background, and the messages rate limit.</summary>
internal static class ConversationsSetup
{
    public static void AddJiyulConversations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ConversationsOptions>().BindConfiguration(ConversationsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConversationsOptions>, ConversationsOptionsValidator>();

        services.AddSingleton<CellChatClient>();
        services.AddSingleton<AttachmentNotes>();
        services.AddSingleton<ReplyRunner>();

        // After the database migrator (added earlier): the recovery needs the schema, and runs before serving.
        services.AddHostedService<StreamingRecovery>();
        services.AddHostedService(provider => provider.GetRequiredService<ReplyRunner>());

        services.AddRateLimiter(o => o.AddPolicy<string, MessagesRateLimiterPolicy>(RateLimitPolicies.Messages));
    }

    public static void MapJiyulConversations(this WebApplication app)
    {
        var conversations = app.MapGroup("/api/conversations").RequireAuthorization();
        conversations.MapGet("", ConversationEndpoints.ListAsync)
            .WithName("ListConversations").WithSummary("The caller's conversations, newest first, a page at a time.");
        conversations.MapPost("", ConversationEndpoints.CreateAsync)
            .WithName("CreateConversation").WithSummary("Starts a conversation, named or to be named by its first message.");
        conversations.MapGet("/{id:guid}", ConversationEndpoints.GetAsync).WithName("GetConversation");
        conversations.MapPatch("/{id:guid}", ConversationEndpoints.RenameAsync).WithName("RenameConversation");
        conversations.MapDelete("/{id:guid}", ConversationEndpoints.DeleteAsync)
            .WithName("DeleteConversation").WithSummary("Deletes a conversation and its messages.");
        conversations.MapGet("/{id:guid}/messages", ConversationEndpoints.ListMessagesAsync)
            .WithName("ListMessages").WithSummary("A conversation's messages, oldest first, a page at a time.");
        conversations.MapPost("/{id:guid}/messages", PostMessageEndpoint.HandleAsync)
            .RequireRateLimiting(RateLimitPolicies.Messages)
            .WithName("PostMessage").WithSummary("Stores a message and streams the assistant's reply as server-sent events.");
        conversations.MapPost("/{id:guid}/messages/{messageId:guid}/stop", ConversationEndpoints.StopReplyAsync)
            .WithName("StopReply").WithSummary("Stops a reply in progress and answers it as stored (incomplete).");
    }
}
