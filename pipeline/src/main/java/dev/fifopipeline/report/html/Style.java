package dev.fifopipeline.report.html;

/** The page's inline style sheet and its load check script. */
final class Style {
  static final String CSS =
      """
      body{margin:0;background:#f4f5f7;color:#222;font:14px/1.45 "DejaVu Sans","Liberation Sans",\
      Arial,sans-serif}
      main{max-width:1180px;margin:0 auto;padding:24px 10px 40px}
      h1{font-size:26px;margin:0 0 4px}
      h2{font-size:19px;margin:28px 0 10px;border-bottom:2px solid #dde;padding-bottom:4px}
      h3{font-size:15px;margin:0 0 6px}
      .meta{color:#666;margin:0 0 18px}
      .cards{display:grid;grid-template-columns:repeat(6,1fr);gap:10px;margin-bottom:16px}
      .card{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 3px #0002}
      .card.warn{border-left:5px solid #ef6c00}
      .card .label{color:#666;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
      .card .value{font-size:22px;font-weight:bold;margin:4px 0}
      .card .note{color:#666;font-size:12px}
      figure{margin:0 0 12px;background:#fff;border-radius:8px;padding:6px;\
      box-shadow:0 1px 3px #0002;text-align:center}
      figure img{max-width:100%;height:auto}
      .two{display:grid;grid-template-columns:1fr 1fr;gap:12px;align-items:start}
      .box{background:#fff;border-radius:8px;padding:10px 12px;box-shadow:0 1px 3px #0002;\
      margin-bottom:12px;overflow-x:auto}
      .box.warn{border-left:5px solid #ef6c00}
      table{border-collapse:collapse;width:100%;font-size:13px}
      th{text-align:left;color:#555;font-weight:600;border-bottom:1px solid #ccd;padding:4px 6px}
      td{border-bottom:1px solid #eef;padding:3px 6px;vertical-align:top}
      td.id{white-space:nowrap}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      tr:nth-child(even) td{background:#fafbfc}
      .gain{color:#2e7d32}.loss{color:#c62828}.flat{color:#555}
      .chips span{display:inline-block;background:#fff3e0;border-radius:10px;padding:2px 9px;\
      margin:0 6px 6px 0;font-size:12px}
      .small{color:#666;font-size:12px}
      .defs li{margin-bottom:4px}
      code{font-size:12px}
      """;

  static final String SCRIPT =
      """
      (function(){
        var b=document.body,errors=[];
        window.addEventListener('error',function(e){errors.push(String(e.message));\
      b.setAttribute('data-errors',errors.join(' | '));});
        function count(){var n=0,imgs=document.images;for(var i=0;i<imgs.length;i++){\
      if(imgs[i].complete&&imgs[i].naturalWidth>0)n++;}\
      b.setAttribute('data-images-loaded',String(n));\
      b.setAttribute('data-images',String(imgs.length));}
        count();window.addEventListener('load',count);
      })();
      """;

  private Style() {}
}
