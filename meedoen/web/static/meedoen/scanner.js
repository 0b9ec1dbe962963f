// The till's QR-code scanner (progressive enhancement): with a camera and @zxing/browser
// (static/nlds/zxing-browser.min.js, built from npm) a "scan" button appears; a scanned pass number
// fills the Pasnummer field and checks the pass. Without a camera, or without permission to use it,
// the field works as before: type the 16 digits.
(() => {
  const box = document.querySelector("[data-scanner]");
  const form = document.querySelector("[data-scanner-form]");
  const field = form && form.querySelector("input[name=number]");
  if (!box || !field || !window.ZXingBrowser || !navigator.mediaDevices?.getUserMedia) return;
  const start = box.querySelector("[data-scanner-start]");
  const stop = box.querySelector("[data-scanner-stop]");
  const video = box.querySelector("[data-scanner-video]");
  const status = box.querySelector("[data-scanner-status]");
  let controls = null;

  const halt = () => {
    if (controls) controls.stop();
    controls = null;
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  };

  start.addEventListener("click", async () => {
    status.textContent = "De camera start. Houd de QR-code van de pas voor de camera.";
    start.hidden = true;
    stop.hidden = false;
    video.hidden = false;
    try {
      const reader = new window.ZXingBrowser.BrowserQRCodeReader();
      controls = await reader.decodeFromVideoDevice(undefined, video, (result) => {
        if (!result) return;
        const number = result.getText().replace(/\D/g, "");
        halt();
        field.value = number;
        status.textContent = `Gescand: pasnummer ${number}. De pas wordt gecontroleerd.`;
        form.requestSubmit();
      });
    } catch (error) {
      halt();
      status.textContent =
        error && error.name === "NotAllowedError"
          ? "De camera mag niet gebruikt worden. Typ het pasnummer in."
          : "De camera werkt niet. Typ het pasnummer in.";
      field.focus();
    }
  });
  stop.addEventListener("click", () => {
    halt();
    status.textContent = "Scannen gestopt.";
    field.focus();
  });
  box.hidden = false;
})();
