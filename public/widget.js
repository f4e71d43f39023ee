/*
 * Switchboard web chat. Paste on any page:
 *   <script src="https://YOUR-SWITCHBOARD/widget.js" data-workspace="PUBLIC_ID" async></script>
 * Adds a chat button in the bottom-right corner that opens the chat in an iframe served by
 * the same Switchboard. Plain JavaScript, no dependencies, no build step; its only global is
 * window.SwitchboardWidget.
 */
(() => {
  if (window.SwitchboardWidget) return;

  const script =
    document.currentScript || document.querySelector('script[data-workspace][src*="widget.js"]');
  const publicId = script ? script.getAttribute("data-workspace") : null;
  if (!script || !publicId) {
    if (window.console) console.warn("Switchboard widget: add data-workspace to the script tag.");
    return;
  }
  const origin = new URL(script.src, window.location.href).origin;
  const chatUrl = `${origin}/widget/${encodeURIComponent(publicId)}`;
  const brand = "#4f46e5";
  const mobile = window.matchMedia("(max-width: 480px)");

  const chatIcon =
    '<svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M7.9 20A9 9 0 1 0 4 16.1L2 22Z"/></svg>';
  const closeIcon =
    '<svg width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M18 6 6 18"/><path d="m6 6 12 12"/></svg>';

  function css(element, styles) {
    for (const key in styles) element.style.setProperty(key, styles[key]);
  }

  const button = document.createElement("button");
  button.type = "button";
  button.setAttribute("aria-label", "Chat with us");
  button.setAttribute("aria-expanded", "false");
  button.innerHTML = chatIcon;
  css(button, {
    position: "fixed",
    right: "20px",
    bottom: "20px",
    width: "56px",
    height: "56px",
    "border-radius": "50%",
    border: "0",
    padding: "0",
    margin: "0",
    display: "flex",
    "align-items": "center",
    "justify-content": "center",
    background: brand,
    color: "#fff",
    cursor: "pointer",
    "box-shadow": "0 6px 20px rgba(0,0,0,0.2)",
    "z-index": "2147483646",
  });

  let frame = null;
  let open = false;

  function layout() {
    if (!frame) return;
    const phone = mobile.matches;
    css(frame, {
      position: "fixed",
      border: "0",
      background: "transparent",
      "z-index": "2147483647",
      "color-scheme": "normal",
      display: open ? "block" : "none",
      right: phone ? "0" : "20px",
      bottom: phone ? "0" : "88px",
      width: phone ? "100%" : "380px",
      height: phone ? "100%" : "560px",
      "max-height": phone ? "100%" : "calc(100vh - 108px)",
      "border-radius": phone ? "0" : "16px",
      "box-shadow": phone ? "none" : "0 12px 40px rgba(0,0,0,0.25)",
    });
    // Full screen on a phone: the chat's own close button takes over from the launcher.
    button.style.setProperty("display", phone && open ? "none" : "flex");
  }

  function setOpen(next) {
    open = next;
    if (open && !frame) {
      frame = document.createElement("iframe");
      frame.src = chatUrl;
      frame.title = "Chat";
      frame.id = "switchboard-chat";
      frame.setAttribute("allow", "clipboard-write");
      document.body.appendChild(frame);
      button.setAttribute("aria-controls", frame.id);
    }
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.innerHTML = open ? closeIcon : chatIcon;
    layout();
    if (open && frame) frame.focus();
    if (!open) button.focus();
  }

  button.addEventListener("click", () => {
    setOpen(!open);
  });
  // The chat asks to close (its X button, or Escape inside it).
  window.addEventListener("message", (event) => {
    if (!frame || event.origin !== origin || event.source !== frame.contentWindow) return;
    if (event.data && event.data.type === "switchboard:close") setOpen(false);
  });
  if (mobile.addEventListener) mobile.addEventListener("change", layout);

  function mount() {
    document.body.appendChild(button);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);

  window.SwitchboardWidget = {
    open: () => {
      setOpen(true);
    },
    close: () => {
      setOpen(false);
    },
    toggle: () => {
      setOpen(!open);
    },
  };
})();
