"""Forum hosts and administrators moderate comments; everyone signed in may write them."""

from people import roles

MODERATION = ["discussion.moderate_comment", "discussion.view_comment"]

PERMISSIONS = {
    roles.FORUM_HOST: MODERATION,
    roles.ADMINISTRATOR: MODERATION,
}
