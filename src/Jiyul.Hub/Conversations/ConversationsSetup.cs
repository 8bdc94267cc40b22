using Jiyul.Hub.Hosting;
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
        const int BadRequest = StatusCodes.Status400BadRequest;
        const int NotFound = StatusCodes.Status404NotFound;
        const string Unknown = "No conversation of the caller's has this id (reason conversation-not-found).";
        const string BadPage = "limit is below 1 (bad-limit) or next is not a cursor this list gave out (bad-cursor).";

        var conversations = app.MapGroup("/api/conversations").RequireAuthorization().WithTags(ApiTags.Conversations);
        conversations.MapGet("", ConversationEndpoints.ListAsync)
            .WithName("ListConversations").WithSummary("The caller's conversations, newest first, a page at a time.")
            .WithDescription("Pass the answer's next as next for the following page; it is null on the last one.")
            .ProblemMeans(BadRequest, BadPage);
        conversations.MapPost("", ConversationEndpoints.CreateAsync)
            .WithName("CreateConversation").WithSummary("Starts a conversation, named or to be named by its first message.")
            .ProblemMeans(BadRequest, "The title is too long (reason title-too-long).");
        conversations.MapGet("/{id:guid}", ConversationEndpoints.GetAsync)
            .WithName("GetConversation").WithSummary("One conversation of the caller's.")
            .ProblemMeans(NotFound, Unknown);
        conversations.MapPatch("/{id:guid}", ConversationEndpoints.RenameAsync)
            .WithName("RenameConversation").WithSummary("Renames a conversation; its title is the user's from then on.")
            .ProblemMeans(BadRequest, "The title is missing or blank (title-missing) or too long (title-too-long).")
            .ProblemMeans(NotFound, Unknown);
        conversations.MapDelete("/{id:guid}", ConversationEndpoints.DeleteAsync)
            .WithName("DeleteConversation").WithSummary("Deletes a conversation and its messages.")
            .ProblemMeans(NotFound, Unknown);
        conversations.MapGet("/{id:guid}/messages", ConversationEndpoints.ListMessagesAsync)
            .WithName("ListMessages").WithSummary("A conversation's messages, oldest first, a page at a time.")
            .ProblemMeans(BadRequest, BadPage)
            .ProblemMeans(NotFound, Unknown);
        conversations.MapPost("/{id:guid}/messages", PostMessageEndpoint.HandleAsync)
            .RequireRateLimiting(RateLimitPolicies.Messages)
            .WithName("PostMessage").WithSummary("Stores a message and streams the assistant's reply as server-sent events.")
            .WithDescription("The message is stored before the cell is asked anything, so it is kept whatever follows. The "
                + "answer is a stream of server-sent events, in this order: 'message' (the stored user message), 'reply' (the "
                + "assistant's message as first stored, status streaming), 'delta' ({text}, the next piece of the reply) any "
                + "number of times, 'error' (problem details) only when the reply broke off, and 'done' (the assistant's "
                + "message as finally stored, status complete or incomplete); 'ping' ({}) whenever the stream was silent for "
                + "Conversations:KeepAliveInterval, to be ignored. A client that leaves does not lose the reply: "
                + "it is stored as it arrives, and the messages list shows it.")
            .StreamsEvents("Server-sent events, in order: message, reply, delta (any number), error (only if the reply broke "
                + "off), done; ping ({}) between them when the stream is quiet. The data of message, reply and done is a "
                + "MessageAnswer; of delta {\"text\": \"...\"}; of error a ProblemDetails with a reason.")
            .ProblemMeans(BadRequest,
                "content is missing (content-missing), too many attachments (too-many-attachments), or an attachment id is "
                + "not one of the caller's files (unknown-attachment).")
            .ProblemMeans(NotFound, Unknown)
            .ProblemMeans(StatusCodes.Status413PayloadTooLarge, "content is longer than Conversations:MaxMessageChars.")
            .ProblemMeans(StatusCodes.Status503ServiceUnavailable,
                "The cell could not start; the message is kept, and the detail says why.");
        conversations.MapPost("/{id:guid}/messages/{messageId:guid}/stop", ConversationEndpoints.StopReplyAsync)
            .WithName("StopReply").WithSummary("Stops a reply in progress and answers it as stored (incomplete).")
            .ProblemMeans(NotFound, "No reply with this id in a conversation of the caller's (reason conversation-not-found).")
            .ProblemMeans(StatusCodes.Status409Conflict, "The reply is not being produced any more (reason reply-not-running).");
        conversations.MapGet("/{id:guid}/messages/{messageId:guid}/events", ConversationEndpoints.FollowReplyAsync)
            .WithName("FollowReply").WithSummary("Follows a reply again after leaving it, as server-sent events.")
            .WithDescription("A reply still under way answers 'reply' (the message with the content that has arrived so far, "
                + "status streaming), then 'delta', 'ping', 'error' and 'done' as the post would have; a reply that has ended "
                + "answers 'done' with the message as stored.")
            .StreamsEvents("Server-sent events: reply (the content so far), delta (any number), error (only if the reply "
                + "broke off), done; or done alone for a reply that has ended. ping ({}) between them when the stream is quiet.")
            .ProblemMeans(NotFound, "No reply with this id in a conversation of the caller's (reason conversation-not-found).");
    }
}
