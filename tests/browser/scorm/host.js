// The LMS side of tests/browser/scorm.test.mjs: scorm-again's Scorm12API as window.API
// (nothing is sent to a server: lmsCommitUrl is false), every call the package makes
// recorded in window.lmsCalls, and the package launched in a frame below, from
// ?launch= (the href of the manifest's resource, under package/). ?api=none launches it
// with no API at all, as a plain embed.
const query = new URLSearchParams(window.location.search);
window.lmsCalls = [];
if (query.get('api') !== 'none') {
  window.API = new window.Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  for (const name of ['LMSInitialize', 'LMSSetValue', 'LMSCommit', 'LMSFinish']) {
    window.API.on(name, (...args) => window.lmsCalls.push([name, ...args]));
  }
}
addEventListener('DOMContentLoaded', () => {
  const frame = document.createElement('iframe');
  frame.id = 'sco';
  frame.title = 'The lesson';
  frame.width = '1000';
  frame.height = '800';
  frame.src = `package/${query.get('launch')}`;
  document.body.append(frame);
});
