"""The seminar: the story (data/story.yaml), chapter text, the talk as HTML and as PDF."""
