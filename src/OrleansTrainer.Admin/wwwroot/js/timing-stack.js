// Sizes the parts of the time-per-round bar from their data-share (percent of the round). Set through the CSS object
// model, which the console's Content-Security-Policy allows, rather than inline style attributes, which it does not.
for (const part of document.querySelectorAll('#timing-stack [data-share]')) {
    part.style.width = `${part.dataset.share}%`;
}
