/** Base styles of the built-in components, modelled on how WeChat draws them by default. */
export const DEFAULT_STYLES = `
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Helvetica Neue","PingFang SC","Microsoft YaHei",sans-serif;font-size:16px;line-height:1.4;color:#000;background:#fff;-webkit-tap-highlight-color:transparent}
[hidden]{display:none!important}
wx-page-meta,wx-navigation-bar{display:none}
wx-view,wx-scroll-view,wx-swiper,wx-swiper-item,wx-form,wx-checkbox-group,wx-radio-group,wx-rich-text,wx-cover-view,wx-movable-area{display:block}
wx-text,wx-label,wx-navigator,wx-icon,wx-picker{display:inline}
wx-navigator{display:block;cursor:pointer}
wx-slot{display:contents}
[wx-virtual-host]{display:contents!important}
wx-image{display:inline-block;width:320px;height:240px;overflow:hidden;position:relative}
wx-image>img{width:100%;height:100%;display:block;object-fit:fill}
wx-image[mode=aspectFit]>img{object-fit:contain}
wx-image[mode=aspectFill]>img{object-fit:cover}
wx-image[mode=widthFix]{height:auto}
wx-image[mode=widthFix]>img{height:auto}
wx-image[mode=heightFix]{width:auto}
wx-image[mode=heightFix]>img{width:auto}
wx-image[mode=center]>img{object-fit:none}
wx-button{display:block;position:relative;box-sizing:border-box;margin:0 auto;padding:12px 24px;width:184px;font-size:17px;font-weight:700;line-height:1.41;text-align:center;border-radius:8px;color:#06ae56;background-color:#f2f2f2;cursor:pointer;overflow:hidden;user-select:none}
wx-button+wx-button{margin-top:16px}
wx-button[type=primary]{color:#fff;background-color:#07c160}
wx-button[type=warn]{color:#fa5151;background-color:#f2f2f2}
wx-button[plain]{color:#353535;border:1px solid #353535;background-color:transparent}
wx-button[type=primary][plain]{color:#07c160;border-color:#07c160}
wx-button[size=mini]{display:inline-block;width:auto;padding:0 12px;font-size:13px;line-height:2.3;border-radius:4px}
wx-button[disabled]:not([disabled=false]){color:rgba(0,0,0,.18);background-color:#f2f2f2;cursor:default}
wx-button[loading]:not([loading=false])::before{content:"";display:inline-block;width:1em;height:1em;margin-right:.4em;vertical-align:-.15em;border:2px solid currentColor;border-right-color:transparent;border-radius:50%;animation:wx-spin 1s linear infinite}
@keyframes wx-spin{to{transform:rotate(360deg)}}
tsr-pull-down{position:fixed;left:0;right:0;top:0;height:0;display:flex;align-items:center;justify-content:center;overflow:hidden;pointer-events:none;opacity:0;color:rgba(0,0,0,.3)}
tsr-pull-down[data-text-style=light]{color:#fff}
tsr-pull-down>i{width:6px;height:6px;margin:0 4px;border-radius:50%;background:currentColor}
tsr-pull-down[data-refreshing]>i{animation:tsr-pull-dots 1.2s ease-in-out infinite}
tsr-pull-down[data-refreshing]>i:nth-child(2){animation-delay:.2s}
tsr-pull-down[data-refreshing]>i:nth-child(3){animation-delay:.4s}
@keyframes tsr-pull-dots{0%,80%,100%{opacity:.3}40%{opacity:1}}
wx-input,wx-textarea{display:block;min-height:1.4rem;overflow:hidden;position:relative}
wx-input>input::placeholder,wx-textarea>textarea::placeholder{color:transparent}
.wx-placeholder{position:absolute;left:0;right:0;top:0;bottom:0;display:flex;align-items:center;overflow:hidden;white-space:nowrap;color:#808080;pointer-events:none}
wx-textarea>.wx-placeholder{align-items:flex-start;white-space:normal}
wx-input>input,wx-textarea>textarea{width:100%;box-sizing:border-box;border:0;outline:0;padding:0;margin:0;background:transparent;font:inherit;color:inherit;text-align:inherit}
wx-textarea{width:300px;height:150px}
wx-textarea>textarea{height:100%;resize:none}
wx-checkbox,wx-radio{display:inline-flex;align-items:center;cursor:pointer}
.wx-checkbox-input,.wx-radio-input{display:inline-block;box-sizing:border-box;width:22px;height:22px;margin-right:5px;border:1px solid #d1d1d1;border-radius:3px;background:#fff;position:relative;flex:none}
.wx-radio-input{border-radius:50%}
wx-checkbox.wx-checked>.wx-checkbox-input::after{content:"";position:absolute;left:6px;top:2px;width:6px;height:11px;border:solid #07c160;border-width:0 2px 2px 0;transform:rotate(45deg)}
wx-radio.wx-checked>.wx-radio-input{background:#07c160;border-color:#07c160}
wx-radio.wx-checked>.wx-radio-input::after{content:"";position:absolute;left:6px;top:2px;width:6px;height:11px;border:solid #fff;border-width:0 2px 2px 0;transform:rotate(45deg)}
wx-switch{display:inline-block;cursor:pointer}
.wx-switch-input{display:inline-block;position:relative;width:52px;height:32px;border-radius:16px;background:#dfdfdf;transition:background-color .1s;vertical-align:middle}
.wx-switch-input::after{content:"";position:absolute;left:1px;top:1px;width:30px;height:30px;border-radius:15px;background:#fff;box-shadow:0 1px 3px rgba(0,0,0,.4);transition:transform .3s}
wx-switch.wx-checked>.wx-switch-input{background:#07c160}
wx-switch.wx-checked>.wx-switch-input::after{transform:translateX(20px)}
wx-slider{display:flex;align-items:center;margin:10px 18px}
wx-slider>input{flex:1;accent-color:#07c160}
.wx-slider-value{margin-left:8px;color:#888;font-size:14px}
wx-picker{position:relative;display:block}
.wx-picker-control{position:absolute;inset:0;width:100%;height:100%;opacity:0;cursor:pointer}
.wx-picker-columns{position:absolute;inset:0;display:flex;opacity:0}
.wx-picker-columns>select{flex:1;height:100%;cursor:pointer}
wx-progress{display:flex;align-items:center}
.wx-progress-bar{flex:1;height:6px;background:#ebebeb}
.wx-progress-inner{display:block;height:100%;width:0;background:#09bb07;transition:width .2s}
.wx-progress-info{margin-left:15px;font-size:16px}
.wx-progress-info:empty{display:none}
wx-scroll-view{position:relative;-webkit-overflow-scrolling:touch}
wx-scroll-view::-webkit-scrollbar{display:none}
wx-scroll-view.wx-refreshing::before{content:"\\2022\\2022\\2022";display:block;height:45px;line-height:45px;text-align:center;color:#999;letter-spacing:4px}
wx-swiper{position:relative;overflow:hidden;height:150px;-webkit-user-select:none;user-select:none}
.wx-swiper-track{display:flex;height:100%;transition:transform .5s;touch-action:pan-y}
wx-swiper-item{flex:none;width:calc(100% / var(--wx-swiper-items,1));height:100%;overflow:hidden}
.wx-swiper-vertical{flex-direction:column;touch-action:pan-x}
:where(.wx-swiper-vertical)>wx-swiper-item{width:100%;height:calc(100% / var(--wx-swiper-items,1))}
.wx-swiper-dots{position:absolute;left:0;right:0;bottom:10px;text-align:center}
.wx-swiper-dots-vertical{left:auto;bottom:auto;right:10px;top:50%;transform:translateY(-50%);display:flex;flex-direction:column}
.wx-swiper-dots-vertical>.wx-dot{margin:4px 0}
.wx-dot{display:inline-block;width:8px;height:8px;margin:0 4px;border-radius:50%;background:rgba(0,0,0,.3)}
.wx-dot-active{background:#000}
wx-icon{display:inline-block;font-size:23px;line-height:1;font-style:normal}
wx-icon[type]::before{display:inline-block;width:1em;height:1em;border-radius:50%;text-align:center;line-height:1em;font-size:1em;color:#fff}
wx-icon[type=success]::before{content:"\\2713";background:#07c160}
wx-icon[type=success_no_circle]::before{content:"\\2713";color:#07c160}
wx-icon[type=info]::before{content:"i";background:#10aeff}
wx-icon[type=warn]::before{content:"!";background:#fa5151}
wx-icon[type=waiting]::before{content:"\\25F7";background:#10aeff}
wx-icon[type=cancel]::before{content:"\\2715";background:#fa5151}
wx-icon[type=download]::before{content:"\\2193";background:#07c160}
wx-icon[type=search]::before{content:"\\2315";color:#b2b2b2}
wx-icon[type=clear]::before{content:"\\2715";background:#b2b2b2}
wx-canvas{display:inline-block;width:300px;height:150px;position:relative}
wx-canvas>canvas{width:100%;height:100%;display:block}
wx-video{display:inline-block;width:300px;height:225px;background:#000}
wx-video>video{width:100%;height:100%;object-fit:contain}
wx-web-view{display:block}
wx-web-view.wx-web-view-open{position:fixed;inset:0;z-index:100;background:#fff}
wx-web-view>iframe{width:100%;height:100%;border:0}
.wx-web-view-refused{display:block;padding:16px;color:#888;font-size:14px}
wx-camera{display:block;width:100%;height:300px;background:#000}
wx-map{display:block;padding:8px;color:#888;background:#f2f2f2;font-size:13px}
wx-modal,wx-toast,wx-loading,wx-action-sheet{display:block}
.wx-legacy-mask{position:fixed;z-index:1000;inset:0;background:rgba(0,0,0,.6)}
.wx-legacy-box{position:fixed;z-index:5000;left:50%;top:180px;transform:translateX(-50%);box-sizing:border-box;width:7.6em;min-height:7.6em;padding-bottom:.8em;border-radius:5px;background:rgba(17,17,17,.7);color:#fff;text-align:center;display:flex;flex-direction:column;align-items:center}
.wx-legacy-icon{display:block;box-sizing:border-box;margin:22px 0 0}
.wx-legacy-success{width:22px;height:38px;margin-top:14px;margin-bottom:8px;border:solid #fff;border-width:0 3px 3px 0;transform:rotate(45deg)}
.wx-legacy-spinner{width:38px;height:38px;border:3px solid rgba(255,255,255,.3);border-top-color:#fff;border-radius:50%;animation:wx-spin 1s linear infinite}
.wx-legacy-text{display:block;margin-top:12px;font-size:14px;line-height:1.4;padding:0 .5em}
.wx-modal-dialog{position:fixed;z-index:5000;left:50%;top:50%;transform:translate(-50%,-50%);width:80%;max-width:300px;background:#fff;border-radius:3px;text-align:center;overflow:hidden}
.wx-modal-title{display:block;padding:1.3em 1.6em .5em;font-size:17px;font-weight:400}
.wx-modal-title:empty{padding-top:.8em;padding-bottom:0}
.wx-modal-content{display:block;padding:0 1.6em .8em;min-height:40px;font-size:15px;line-height:1.4;color:#888;word-wrap:break-word}
.wx-modal-buttons{display:flex;border-top:1px solid #d5d5d6;line-height:48px;font-size:18px}
.wx-modal-button{flex:1;display:block;cursor:pointer}
.wx-modal-cancel{color:#353535;border-right:1px solid #d5d5d6}
.wx-modal-confirm{color:#3cc51f}
.wx-action-sheet-menu{position:fixed;z-index:5000;left:0;right:0;bottom:0;display:block;background:#efeff4}
wx-action-sheet-item,wx-action-sheet-cancel{display:block;padding:10px 0;font-size:18px;line-height:1.4;text-align:center;background:#fff;cursor:pointer}
wx-action-sheet-item+wx-action-sheet-item{border-top:1px solid #d9d9d9}
wx-action-sheet-cancel{margin-top:6px}
`;
