"""Meta's exports: the Facebook and Instagram readers and what their files share (`text`)."""
