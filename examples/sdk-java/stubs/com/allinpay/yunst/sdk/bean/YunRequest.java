package com.allinpay.yunst.sdk.bean;

import java.util.LinkedHashMap;
import java.util.Map;

/** A stand-in for the official yunst-sdk's YunRequest (see YunConfig). */
public class YunRequest {
    private final String service;
    private final String method;
    private final Map<String, Object> param = new LinkedHashMap<>();

    public YunRequest(String service, String method) {
        this.service = service;
        this.method = method;
    }

    public void put(String key, Object value) {
        param.put(key, value);
    }

    public String getService() { return service; }
    public String getMethod() { return method; }
    public Map<String, Object> getParam() { return param; }
}
