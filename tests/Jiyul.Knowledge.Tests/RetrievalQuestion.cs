namespace Jiyul.Knowledge.Tests;

/// <summary>One entry of RetrievalQuestions.json: a question and the passage that answers it.</summary>
public sealed record RetrievalQuestion(string Question, ExpectedPassage Expect);
