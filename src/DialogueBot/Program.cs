using DialogueBot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddDialogueBot();

var app = builder.Build();
app.MapDialogueBot();
app.Run();

/// <summary>The entry point, public so tests can host the real pipeline with WebApplicationFactory.</summary>
public partial class Program;
