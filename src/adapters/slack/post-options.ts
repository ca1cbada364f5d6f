/**
 * Added to every visible post: no link previews (answers cite articles by
 * name, and a preview per source would bury the card), and no name linking, so
 * only the explicit `<@U…>` we build can ever mention anyone.
 */
export const POST_OPTIONS = { unfurl_links: false, unfurl_media: false, link_names: false } as const;
